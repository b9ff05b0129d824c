import { ALL_TOPICS, TOPICS, deadLetterTopic, topicForType } from './topics';

describe('topicForType', () => {
  it.each([
    ['warden.identity.key.revoked.v1', 'warden.identity.v1'],
    ['warden.policy.connection.created.v1', 'warden.policy.v1'],
    ['warden.decisions.decision.recorded.v1', 'warden.decisions.v1'],
    ['warden.metering.usage.settled.v2', 'warden.metering.v1'],
  ])('Given type %s, When routed, Then it goes to %s', (type, topic) => {
    expect(topicForType(type)).toBe(topic);
  });

  it.each(['warden.nowhere.thing.happened.v1', 'identity', ''])(
    'Given %j with no known context, When routed, Then it is refused',
    (type) => {
      expect(() => topicForType(type)).toThrow('No topic for event type');
    },
  );

  it('Given the topic table, When listed, Then every topic is warden.<context>.v1 and unique', () => {
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
    for (const [context, topic] of Object.entries(TOPICS)) expect(topic).toBe(`warden.${context}.v1`);
  });
});

describe('deadLetterTopic', () => {
  it('Given a consumer group, When its dead-letter topic is named, Then it is per group and versioned', () => {
    expect(deadLetterTopic('audit-projector')).toBe('warden.deadletter.audit-projector.v1');
    expect(deadLetterTopic('a')).not.toBe(deadLetterTopic('b'));
  });
});
