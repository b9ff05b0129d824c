/** Versioned, per-context topics (DESIGN §3). Platform teams subscribe to these: a public interface. */
export const TOPICS = {
  identity: 'warden.identity.v1',
  policy: 'warden.policy.v1',
  decisions: 'warden.decisions.v1',
  guardrails: 'warden.guardrails.v1',
  metering: 'warden.metering.v1',
  approvals: 'warden.approvals.v1',
  trust: 'warden.trust.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

/** `warden.<context>.<entity>.<verb>.v<N>` → the topic of its context. */
export function topicForType(type: string): Topic {
  const context = type.split('.')[1];
  const topic = (TOPICS as Record<string, Topic | undefined>)[context ?? ''];
  if (!topic) throw new Error(`No topic for event type "${type}"`);
  return topic;
}

/** The dead-letter topic of one consumer group. */
export function deadLetterTopic(groupId: string): string {
  return `warden.deadletter.${groupId}.v1`;
}
