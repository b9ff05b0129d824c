interface PendingGroup<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A batch's flush in two stages: the promise resolves once the batch is prepared (everything that need not wait
 * for the previous batch's write), with the write to run after the previous batch's write ended.
 */
export type StagedFlush<T> = (items: readonly T[]) => Promise<() => Promise<void>>;

/**
 * Collects items and hands them to `flush` in batches: when `maxRows` are pending, `maxDelayMs` after the first
 * pending item arrived, or `idleMs` after the last item arrived with no other one following, whichever comes
 * first. `add`/`addAll` resolve only once the batch holding their items was written (and reject if its
 * preparation or write failed), so a bus handler awaiting them commits its position only after the rows are
 * durable.
 * One batch is prepared at a time and one written at a time, in batch order. A batch is cut when its preparation
 * starts: when a trigger fires and nothing is being prepared or written, or — under load — as soon as the
 * previous batch's write starts, taking everything that arrived while that batch was prepared, so the next
 * batch is prepared while the current one is written and writes run back to back. Whatever arrives during a
 * write waits for the next cut, all of it, so batches grow with the load instead of queueing up small.
 */
export class FlushBatcher<T> {
  private pending: PendingGroup<T>[] = [];
  private pendingRows = 0;
  private timer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private preparing = false;
  /** Prepared batches whose write has not started yet (the previous write is still running): 0 or 1. */
  private waitingWrites = 0;
  /** Writes started and not yet ended: 0 or 1. */
  private writing = 0;
  /** A trigger fired while the batcher could not cut: the next batch starts as soon as it can. */
  private due = false;
  /** Settles when the last batch handed to a write is written (or failed). */
  private lastWrite: Promise<void> = Promise.resolve();
  /** Batches handed out and not yet settled; each promise resolves when its batch is written or failed. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly flush: StagedFlush<T>,
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

  /** Flushes whatever is pending and resolves once every batch handed out so far is written. */
  async drain(): Promise<void> {
    this.flushNow();
    while (this.inFlight.size > 0 || this.pending.length > 0) {
      await Promise.all(this.inFlight);
      this.flushNow();
    }
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    this.timer = undefined;
    this.idleTimer = undefined;
    if (this.pending.length === 0) return;
    if (this.preparing || this.waitingWrites > 0 || this.writing > 0) {
      this.due = true;
      return;
    }
    this.cut();
  }

  private cut(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    this.preparing = true;
    const settled = this.flushBatch(batch);
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /** After a preparation or a write ended: cut the next batch if a trigger fired meanwhile or a full batch waits. */
  private resume(): void {
    if (this.due || this.pendingRows >= this.maxRows) {
      this.due = false;
      this.flushNow();
    }
  }

  /** A write starts: what arrived while its batch was prepared is cut now, to be prepared during the write. */
  private writeStarted(): void {
    if (this.preparing || this.waitingWrites > 0 || this.pending.length === 0) return;
    this.due = false;
    clearTimeout(this.timer);
    clearTimeout(this.idleTimer);
    this.timer = undefined;
    this.idleTimer = undefined;
    this.cut();
  }

  private async flushBatch(batch: readonly PendingGroup<T>[]): Promise<void> {
    const resolve = () => {
      for (const group of batch) group.resolve();
    };
    const reject = (error: unknown) => {
      for (const group of batch) group.reject(error);
    };
    let write: () => Promise<void>;
    try {
      write = await this.flush(batch.flatMap((group) => group.items));
    } catch (error) {
      this.preparing = false;
      reject(error);
      if (this.writing === 0 && this.waitingWrites === 0) this.resume();
      return;
    }
    this.preparing = false;
    this.waitingWrites++;
    this.lastWrite = this.lastWrite
      .then(async () => {
        this.waitingWrites--;
        this.writing++;
        try {
          const written = write();
          this.writeStarted();
          await written;
        } finally {
          this.writing--;
        }
      })
      .then(resolve, reject)
      .finally(() => this.resume());
    await this.lastWrite;
  }
}
