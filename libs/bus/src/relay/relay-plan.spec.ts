import type { StoredEvent } from '@warden/eventstore';
import { renamedEvent } from '../../test-support/events';
import { planRelayBatch } from './relay-plan';

const stored = (streamId: string, revision: number, position: number): StoredEvent => ({
  streamId,
  revision,
  position,
  event: renamedEvent(streamId, revision),
});

describe('planRelayBatch', () => {
  it('Given events of several streams, When planned, Then one publish per topic keyed by stream id, in global order', () => {
    const events = [stored('org_a', 0, 1), stored('org_b', 0, 2), stored('org_a', 1, 3)];

    const plan = planRelayBatch(events);

    expect(plan).toHaveLength(1);
    expect(plan[0]?.topic).toBe('warden.identity.v1');
    expect(plan[0]?.messages.map((m) => [m.key, m.event.id])).toEqual(
      events.map((e) => [e.streamId, e.event.id]),
    );
  });

  it('Given no events, When planned, Then nothing is published', () => {
    expect(planRelayBatch([])).toEqual([]);
  });
});
