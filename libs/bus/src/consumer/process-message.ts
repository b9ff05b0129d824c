import type { DeadLetter, DeliveredMessage } from '../bus.port';
import { attemptWithRetries, type RetryOptions } from './attempt-with-retries';
import { deadLetterOf, validateReceived, type ReceivedMessage } from './received-message';

export type { ReceivedMessage } from './received-message';

export interface ProcessOptions extends RetryOptions {
  readonly handle: (message: DeliveredMessage) => Promise<void>;
}

export type ProcessOutcome =
  { kind: 'handled'; attempts: number } | { kind: 'dead-lettered'; letter: DeadLetter };

/**
 * The consumer semantics both adapters share: validate on receipt (invalid → dead-letter at once, with the schema
 * reason), then run the handler with bounded retries and backoff (exhausted → dead-letter with the last error).
 * The caller writes the dead letter and commits the position only after this resolves.
 */
export async function processMessage(
  received: ReceivedMessage,
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  const validated = validateReceived(received);
  if (!validated.ok) return { kind: 'dead-lettered', letter: validated.letter };
  const { delivered } = validated;
  const attempted = await attemptWithRetries(() => options.handle(delivered), options, {
    topic: received.topic,
    offset: received.offset,
    eventId: delivered.event.id,
  });
  return attempted.ok
    ? { kind: 'handled', attempts: attempted.attempts }
    : { kind: 'dead-lettered', letter: deadLetterOf(received, attempted.error, attempted.attempts) };
}
