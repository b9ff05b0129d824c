import type { Bus, OutgoingMessage } from './bus.port';

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  resolve(): void;
  reject(error: unknown): void;
}

export interface BatchingPublisherOptions {
  /** Callers whose messages share one publish at most. Default 500. */
  readonly maxBatch?: number;
  /** Publishes in flight at once. Default 16. */
  readonly maxInFlight?: number;
}

/**
 * Group commit onto one topic: callers arriving while publishes are in flight share the next one, and up to
 * `maxInFlight` publishes overlap (use it for messages whose relative order does not matter, e.g. one record
 * per request under its own key). Each caller's promise resolves only once its messages are durable.
 */
export class BatchingPublisher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly bus: Pick<Bus, 'publish'>,
    private readonly topic: string,
    private readonly options: BatchingPublisherOptions = {},
  ) {}

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const maxInFlight = this.options.maxInFlight ?? 16;
    const maxBatch = this.options.maxBatch ?? 500;
    while (this.queue.length > 0 && this.inFlight < maxInFlight) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight += 1;
      this.bus
        .publish(
          this.topic,
          batch.flatMap((p) => p.messages),
        )
        .then(
          () => batch.forEach((p) => p.resolve()),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
