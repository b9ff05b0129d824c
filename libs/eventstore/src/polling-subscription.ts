import type { StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

export type ReadAfter = (after: number, limit: number) => Promise<StoredEvent[]>;

export interface PollingTiming {
  readonly pollIntervalMs: number;
  readonly errorBackoffMs: number;
}

/**
 * Catch-up subscription over readAll: reads batches after its cursor, hands each to `onEvents` and waits for
 * it before reading on. Sleeps `pollIntervalMs` when caught up unless woken (after a local append or a NOTIFY).
 * A failed read or handler is reported and retried from the same cursor: delivery is at-least-once.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private wakeRequested = false;
  private wakeSleeper: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly read: ReadAfter,
    private readonly options: SubscribeOptions,
    private readonly timing: PollingTiming,
    private readonly onClosed: (subscription: PollingSubscription) => void,
    private readonly reportError: (error: unknown) => void,
  ) {
    this.done = this.run();
  }

  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.wake();
    }
    await this.done;
    this.onClosed(this);
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let cursor = this.options.after;
    while (!this.closed) {
      try {
        this.wakeRequested = false;
        const batch = await this.read(cursor, batchSize);
        if (this.closed) return;
        const last = batch[batch.length - 1];
        if (last !== undefined) {
          await this.options.onEvents(batch);
          cursor = last.position;
        }
        if (batch.length < batchSize) await this.sleep(this.timing.pollIntervalMs);
      } catch (error) {
        (this.options.onError ?? this.reportError)(error);
        await this.sleep(this.timing.errorBackoffMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeSleeper = finish;
    });
  }
}
