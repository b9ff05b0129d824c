/** How an API edge answers a refused command. */
export type RejectionKind = 'not_found' | 'conflict' | 'invalid';

/**
 * A command a pure `decide` refuses; `code` is stable and reaches API clients in problem+json. Each bounded
 * context subclasses it so its rejections stay recognisable, and all of them map to HTTP in one place.
 */
export class DomainRejection extends Error {
  constructor(
    readonly kind: RejectionKind,
    readonly code: string,
    message: string,
    /** The request field at fault, for `invalid`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
