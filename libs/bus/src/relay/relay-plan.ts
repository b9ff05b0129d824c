import { topicForType } from '@warden/contracts';
import type { StoredEvent } from '@warden/eventstore';
import type { OutgoingMessage } from '../bus.port';

export interface TopicBatch {
  readonly topic: string;
  readonly messages: OutgoingMessage[];
}

/**
 * Pure: splits a batch of store events into one publish per topic, keyed by stream id. Global order is kept inside
 * each topic, which keeps each stream's order (a stream's events all belong to one context, hence one topic).
 */
export function planRelayBatch(events: readonly StoredEvent[]): TopicBatch[] {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const stored of events) {
    const topic = topicForType(stored.event.type);
    const messages = byTopic.get(topic) ?? [];
    messages.push({ key: stored.streamId, event: stored.event });
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
