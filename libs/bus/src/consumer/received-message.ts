import { eventSchemas, type CloudEvent } from '@warden/contracts';
import type { DeadLetter, DeliveredMessage } from '../bus.port';
import type { DecodeResult } from '../cloud-event-codec';

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

export type Validated = { ok: true; delivered: DeliveredMessage } | { ok: false; letter: DeadLetter };

export function deadLetterOf(received: ReceivedMessage, reason: string, attempts: number): DeadLetter {
  return {
    topic: received.topic,
    partition: received.partition,
    offset: received.offset,
    key: received.key,
    reason,
    attempts,
    value: received.value,
    headers: received.headers,
  };
}

/** Validation on receipt: a message that is not JSON or fails its schema becomes a dead letter (attempts 0). */
export function validateReceived(received: ReceivedMessage): Validated {
  if (!received.decoded.ok) return { ok: false, letter: deadLetterOf(received, received.decoded.reason, 0) };
  const validation = eventSchemas().validate(received.decoded.candidate);
  if (!validation.ok) return { ok: false, letter: deadLetterOf(received, validation.reason, 0) };
  return {
    ok: true,
    delivered: {
      topic: received.topic,
      partition: received.partition,
      offset: received.offset,
      key: received.key,
      event: received.decoded.candidate as unknown as CloudEvent,
    },
  };
}
