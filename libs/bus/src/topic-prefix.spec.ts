import { TopicPrefix } from './topic-prefix';

describe('TopicPrefix', () => {
  it('Given a prefix, When a name goes to the wire and back, Then the logical name is restored', () => {
    const names = new TopicPrefix('t1a2b3c4.');

    expect(names.wire('warden.identity.v1')).toBe('t1a2b3c4.warden.identity.v1');
    expect(names.logical('t1a2b3c4.warden.identity.v1')).toBe('warden.identity.v1');
  });

  it('Given no prefix, When mapped, Then names are unchanged', () => {
    expect(new TopicPrefix().wire('warden.policy.v1')).toBe('warden.policy.v1');
  });
});
