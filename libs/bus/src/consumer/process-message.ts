import { eventSchemas, type CloudEvent } from '@warden/contracts';
import type { Logger } from 'pino';
import type { DeadLetter, DeliveredMessage } from '../bus.port';
import { ConsumerClosingError } from '../bus-errors';
import type { DecodeResult } from '../cloud-event-codec';
import { backoffDelay, type BackoffPolicy } from './backoff';

/** One message as it came off the wire, before validation. `topic` is the logical (unprefixed) name. */
export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly decoded: DecodeResult;
}

export interface ProcessOptions {
  readonly handle: (message: DeliveredMessage) => Promise<void>;
  readonly maxAttempts: number;
  readonly backoff?: BackoffPolicy;
  readonly isClosing: () => boolean;
  readonly logger: Logger;
}

export type ProcessOutcome =
  { kind: 'handled'; attempts: number } | { kind: 'dead-lettered'; letter: DeadLetter };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The consumer semantics both adapters share: validate on receipt (invalid → dead-letter at once, with the schema
 * reason), then run the handler with bounded retries and backoff (exhausted → dead-letter with the last error).
 * The caller writes the dead letter and commits the position only after this resolves.
 */
export async function processMessage(
  received: ReceivedMessage,
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  const letter = (reason: string, attempts: number): ProcessOutcome => ({
    kind: 'dead-lettered',
    letter: {
      topic: received.topic,
      partition: received.partition,
      offset: received.offset,
      key: received.key,
      reason,
      attempts,
      value: received.value,
      headers: received.headers,
    },
  });
  if (!received.decoded.ok) return letter(received.decoded.reason, 0);
  const validation = eventSchemas().validate(received.decoded.candidate);
  if (!validation.ok) return letter(validation.reason, 0);
  const delivered: DeliveredMessage = {
    topic: received.topic,
    partition: received.partition,
    offset: received.offset,
    key: received.key,
    event: received.decoded.candidate as unknown as CloudEvent,
  };
  let lastError = '';
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    try {
      await options.handle(delivered);
      return { kind: 'handled', attempts: attempt };
    } catch (error) {
      lastError = errorMessage(error);
      options.logger.warn(
        {
          topic: received.topic,
          offset: received.offset,
          eventId: delivered.event.id,
          attempt,
          err: lastError,
        },
        'handler failed',
      );
      if (attempt < options.maxAttempts) await sleep(backoffDelay(attempt, options.backoff));
      if (options.isClosing()) throw new ConsumerClosingError();
    }
  }
  return letter(lastError, options.maxAttempts);
}
