interface PendingGroup<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects items and hands them to `flush` in batches: when `maxRows` are pending, `maxDelayMs` after the first
 * pending item arrived, or `idleMs` after the last item arrived with no other one following, whichever comes
 * first. `add`/`addAll` resolve only once the batch holding their items was flushed (and reject if that flush
 * failed), so a bus handler awaiting them commits its position only after the rows are durable.
 * One flush runs at a time. A batch is cut when its flush starts: whatever arrives while a flush runs waits and
 * goes, all of it, into the next one, so batches grow with the load instead of queueing up small.
 */
export class FlushBatcher<T> {
  private pending: PendingGroup<T>[] = [];
  private pendingRows = 0;
  private timer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private flushing = false;
  /** A trigger fired while a flush was running: the next batch starts as soon as it ends. */
  private due = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly flush: (items: readonly T[]) => Promise<void>,
    private readonly maxRows: number,
    private readonly maxDelayMs: number,
    private readonly idleMs: number = 2,
  ) {}

  add(item: T): Promise<void> {
    return this.addAll([item]);
  }

  /** Adds items that resolve together, in the order given. */
  addAll(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      this.pendingRows += items.length;
      if (this.pendingRows >= this.maxRows) {
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
    this.flushNow();
    while (this.flushing || this.pending.length > 0) {
      await this.running;
      this.flushNow();
    }
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    this.timer = undefined;
    this.idleTimer = undefined;
    if (this.pending.length === 0) return;
    if (this.flushing) {
      this.due = true;
      return;
    }
    const batch = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    this.flushing = true;
    this.running = this.flushBatch(batch);
  }

  private async flushBatch(batch: readonly PendingGroup<T>[]): Promise<void> {
    try {
      await this.flush(batch.flatMap((group) => group.items));
      for (const group of batch) group.resolve();
    } catch (error) {
      for (const group of batch) group.reject(error);
    } finally {
      this.flushing = false;
      if (this.due || this.pendingRows >= this.maxRows) {
        this.due = false;
        this.flushNow();
      }
    }
  }
}
