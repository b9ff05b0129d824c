import { deadLetterHeaders, parseDeadLetter } from './dead-letter-headers';

describe('dead-letter headers', () => {
  const letter = {
    topic: 'warden.identity.v1',
    partition: 2,
    offset: '41',
    key: 'org_a',
    reason: 'data: must match pattern',
    attempts: 0,
    value: '{"bad":true}',
    headers: { ce_id: 'e1', 'content-type': 'application/json' },
  };

  it('Given a dead letter, When its headers are built, Then they carry the original headers plus reason and origin', () => {
    expect(deadLetterHeaders(letter)).toEqual({
      ce_id: 'e1',
      'content-type': 'application/json',
      warden_dlq_reason: 'data: must match pattern',
      warden_dlq_attempts: '0',
      warden_dlq_topic: 'warden.identity.v1',
      warden_dlq_partition: '2',
      warden_dlq_offset: '41',
    });
  });

  it('Given a dead-letter message, When parsed, Then the letter comes back with the original headers only', () => {
    expect(parseDeadLetter(letter.key, letter.value, deadLetterHeaders(letter))).toEqual(letter);
  });
});
