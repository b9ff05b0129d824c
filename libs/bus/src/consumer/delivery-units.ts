import type { ConsumerOptions, DeadLetter } from '../bus.port';
import type { RetryOptions } from './attempt-with-retries';
import { processBatch } from './process-batch';
import { processMessage } from './process-message';
import type { ReceivedMessage } from './received-message';

/** Default largest batch a batch handler gets at once. */
export const DEFAULT_MAX_BATCH_SIZE = 5_000;

/**
 * What one handler call covers: a single message (`handle`) or a run of consecutive messages of one partition
 * (`handleBatch`). `run` resolves with the unit's dead letters once its effect is done; the position after
 * `lastOffset` may then be committed.
 */
export interface DeliveryUnit {
  readonly lastOffset: string;
  readonly size: number;
  readonly run: () => Promise<DeadLetter[]>;
}

/**
 * Cuts a partition's fetched messages (log order) into handler calls. `receive` decodes one message; it is
 * called only when its unit starts, so a consumer stopping early decodes nothing more.
 */
export function deliveryUnits<T>(
  messages: readonly T[],
  offsetOf: (message: T) => string,
  receive: (message: T) => ReceivedMessage,
  options: ConsumerOptions,
  retry: RetryOptions,
): DeliveryUnit[] {
  if (options.handleBatch) {
    const { handleBatch } = options;
    const size = Math.max(1, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
    const units: DeliveryUnit[] = [];
    for (let start = 0; start < messages.length; start += size) {
      const chunk = messages.slice(start, start + size);
      const last = chunk[chunk.length - 1];
      if (last === undefined) continue;
      units.push({
        lastOffset: offsetOf(last),
        size: chunk.length,
        run: () => processBatch(chunk.map(receive), { ...retry, handleBatch }),
      });
    }
    return units;
  }
  const { handle } = options;
  return messages.map((message) => ({
    lastOffset: offsetOf(message),
    size: 1,
    run: async () => {
      const outcome = await processMessage(receive(message), { ...retry, handle });
      return outcome.kind === 'dead-lettered' ? [outcome.letter] : [];
    },
  }));
}
