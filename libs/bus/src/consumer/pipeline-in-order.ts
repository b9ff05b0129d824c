export interface PipelineSteps<TItem, TResult> {
  /** How many items may be in flight at once; 1 handles them strictly one after the other. */
  readonly maxInFlight: number;
  readonly shouldStop: () => boolean;
  /** Called synchronously in item order, so effects ordered at call time keep the log's order. */
  readonly start: (item: TItem) => Promise<TResult>;
  /** Called in item order once the item's start resolved: the place to commit its position. */
  readonly settle: (item: TItem, result: TResult) => Promise<void>;
}

/**
 * Overlaps the handling of consecutive messages while settling (committing) them strictly in order, so a
 * position is committed only when every message before it is done. Stops starting new items when asked to;
 * items already started are still settled.
 */
export async function pipelineInOrder<TItem, TResult>(
  items: Iterable<TItem>,
  steps: PipelineSteps<TItem, TResult>,
): Promise<void> {
  const window: Array<{ item: TItem; result: Promise<TResult> }> = [];
  const settleOldest = async (): Promise<void> => {
    const oldest = window.shift();
    if (oldest) await steps.settle(oldest.item, await oldest.result);
  };
  try {
    for (const item of items) {
      if (steps.shouldStop()) break;
      const result = steps.start(item);
      // Awaited in settleOldest; this only keeps a rejection from counting as unhandled in the meantime.
      result.catch(() => undefined);
      window.push({ item, result });
      if (window.length >= Math.max(1, steps.maxInFlight)) await settleOldest();
    }
    while (window.length > 0) await settleOldest();
  } finally {
    // After a failure, let the rest finish before the caller moves on (nothing of theirs is committed).
    await Promise.allSettled(window.map((w) => w.result));
  }
}
