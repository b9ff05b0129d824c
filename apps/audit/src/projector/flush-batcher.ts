/**
 * Collects items and hands them to `flush` in batches: when a batch reaches `maxRows`, `maxDelayMs` after its
 * first item arrived, or `idleMs` after the last item arrived with no other one following, whichever comes
 * first. The idle trigger matters because the bus hands a consumer one message at a time and waits for its
 * handler: without it every message would wait the full delay for company that cannot come. `add` resolves only once the batch holding the item was
 * flushed (and rejects if that flush failed), so a bus handler awaiting it commits its position only after
 * the row is durable. One flush runs at a time; items arriving meanwhile form the next batch.
 */
export class FlushBatcher<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private timer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly flush: (items: readonly T[]) => Promise<void>,
    private readonly maxRows: number,
    private readonly maxDelayMs: number,
    private readonly idleMs: number = 2,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxRows) {
        this.flushNow();
        return;
      }
      this.timer ??= setTimeout(() => this.flushNow(), this.maxDelayMs);
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.flushNow(), this.idleMs);
    });
  }

  /** Flushes whatever is pending and resolves once every batch handed out so far is done. */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.flushNow();
    await this.running;
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    this.timer = undefined;
    this.idleTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.running = this.running.then(async () => {
      try {
        await this.flush(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    });
  }
}
