import type { DeadLetter, DeliveredMessage } from '../bus.port';
import { attemptWithRetries, type RetryOptions } from './attempt-with-retries';
import { deadLetterOf, validateReceived, type ReceivedMessage } from './received-message';

export interface BatchProcessOptions extends RetryOptions {
  readonly handleBatch: (messages: readonly DeliveredMessage[]) => Promise<void>;
}

/**
 * The batch form of processMessage: the valid messages go to the handler in one call (log order), the invalid
 * ones become dead letters. A batch still failing after its retries is handed over again one message at a time,
 * with the same retries, so only the messages that fail alone are dead-lettered. Resolves with the dead letters
 * in log order; the caller writes them and commits the position after the last message only then.
 */
export async function processBatch(
  received: readonly ReceivedMessage[],
  options: BatchProcessOptions,
): Promise<DeadLetter[]> {
  const letters = new Map<ReceivedMessage, DeadLetter>();
  const valid: { received: ReceivedMessage; delivered: DeliveredMessage }[] = [];
  for (const message of received) {
    const validated = validateReceived(message);
    if (validated.ok) valid.push({ received: message, delivered: validated.delivered });
    else letters.set(message, validated.letter);
  }
  if (valid.length > 0) {
    const first = valid[0]?.received;
    const whole = await attemptWithRetries(
      () => options.handleBatch(valid.map((v) => v.delivered)),
      options,
      { topic: first?.topic, partition: first?.partition, fromOffset: first?.offset, messages: valid.length },
    );
    if (!whole.ok && valid.length === 1 && first)
      letters.set(first, deadLetterOf(first, whole.error, whole.attempts));
    if (!whole.ok && valid.length > 1) {
      for (const { received: message, delivered } of valid) {
        await options.heartbeat?.();
        const alone = await attemptWithRetries(() => options.handleBatch([delivered]), options, {
          topic: message.topic,
          offset: message.offset,
          eventId: delivered.event.id,
        });
        if (!alone.ok) letters.set(message, deadLetterOf(message, alone.error, alone.attempts));
      }
    }
  }
  return received.flatMap((message) => {
    const letter = letters.get(message);
    return letter ? [letter] : [];
  });
}
