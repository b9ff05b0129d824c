import { eventSchemas } from '@warden/contracts';
import type { OutgoingMessage } from './bus.port';
import { InvalidEventError } from './bus-errors';
import { encodeCloudEvent, type EncodedEvent } from './cloud-event-codec';

export interface EncodedMessage extends EncodedEvent {
  readonly key: string;
}

/** Producers validate before publishing: one invalid event rejects the whole batch, so nothing is sent. */
export function validateForPublishing(messages: readonly OutgoingMessage[]): EncodedMessage[] {
  const registry = eventSchemas();
  for (const { event } of messages) {
    const result = registry.validate(event);
    if (!result.ok) throw new InvalidEventError(String(event.id), String(event.type), result.reason);
  }
  return messages.map(({ key, event }) => ({ key, ...encodeCloudEvent(event) }));
}
