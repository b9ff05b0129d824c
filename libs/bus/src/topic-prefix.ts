/** Maps logical topic and group names to their wire names (a prefix isolates test runs on one broker). */
export class TopicPrefix {
  constructor(private readonly prefix: string = '') {}

  wire(name: string): string {
    return `${this.prefix}${name}`;
  }

  logical(wireName: string): string {
    return this.prefix && wireName.startsWith(this.prefix) ? wireName.slice(this.prefix.length) : wireName;
  }
}
