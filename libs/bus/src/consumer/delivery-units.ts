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

/** How a transport reads a message before decoding it: its position, and its event type if cheap to tell. */
export interface MessageReader<T> {
  readonly offsetOf: (message: T) => string;
  /** The `type` attribute without decoding the message (a header, a column); undefined when unreadable. */
  readonly typeOf: (message: T) => string | undefined;
  /** Decodes one message: called only when its unit starts, so a consumer stopping early decodes nothing more. */
  readonly receive: (message: T) => ReceivedMessage;
}

/** Whether the consumer's `types` (prefixes) pass the message over: only a readable type outside them does. */
function passedOver(types: readonly string[] | undefined, type: string | undefined): boolean {
  return types !== undefined && type !== undefined && !types.some((prefix) => type.startsWith(prefix));
}

/** Cuts a partition's fetched messages (log order) into handler calls; messages passed over go in none. */
export function deliveryUnits<T>(
  allMessages: readonly T[],
  reader: MessageReader<T>,
  options: ConsumerOptions,
  retry: RetryOptions,
): DeliveryUnit[] {
  const { offsetOf, receive } = reader;
  const last = allMessages[allMessages.length - 1];
  const messages =
    options.types === undefined
      ? allMessages
      : allMessages.filter((message) => !passedOver(options.types, reader.typeOf(message)));
  const units = handlerUnits(messages, offsetOf, receive, options, retry);
  // Messages passed over after the last handed one still move the position past them.
  const tail = last === undefined ? undefined : offsetOf(last);
  const covered = units[units.length - 1]?.lastOffset;
  if (tail !== undefined && tail !== covered)
    units.push({ lastOffset: tail, size: 0, run: () => Promise.resolve([]) });
  return units;
}

function handlerUnits<T>(
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
