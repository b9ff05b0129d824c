import { appendToChains } from '../projector/chain-entries';
import type { HashedFields } from '../projector/event-hash';
import { verifyChain, type TrailEntry } from './verify-chain';

function row(n: number): HashedFields & { topic: string; ingested_at: string } {
  return {
    id: `evt_${n}`,
    type: 'warden.decisions.decision.recorded.v1',
    source: 'warden/ingress',
    subject: `dec_${n}`,
    time: `2026-11-26 09:00:0${n}.000`,
    orgid: 'org_a',
    principalid: 'prn_a',
    correlationid: '',
    causationid: '',
    traceparent: '',
    data: JSON.stringify({ outcome: 'allow', n }),
    topic: 'warden.decisions.v1',
    ingested_at: '2026-11-26 09:00:00.000',
  };
}

function trail(size: number): TrailEntry[] {
  const rows = Array.from({ length: size }, (_, n) => row(n));
  const { rows: chain } = appendToChains(
    rows.map((r) => ({ chain: 'c#0', row: r })),
    new Map(),
    '2026-11-26 09:00:00.000',
  );
  return chain.map((c, n) => ({
    chain: c.chain,
    seq: c.seq,
    eventId: c.event_id,
    eventHash: c.event_hash,
    prevHash: c.prev_hash,
    chainHash: c.chain_hash,
    events: [rows[n] as HashedFields],
  }));
}

describe('verifyChain', () => {
  it('Given an untouched chain, When verified, Then it is ok and every entry was checked', () => {
    expect(verifyChain(trail(5))).toEqual({ ok: true, checked: 5 });
  });

  it('Given an event whose data was altered, When verified, Then the break is that entry', () => {
    const entries = trail(5);
    const victim = entries[2];
    entries[2] = { ...victim, events: [{ ...victim.events[0], data: '{"outcome":"deny"}' }] };

    expect(verifyChain(entries).firstBreak).toEqual({
      chain: 'c#0',
      seq: 3,
      eventId: 'evt_2',
      position: 3,
      reason: 'event_altered',
    });
  });

  it('Given an entry whose event is gone, When verified, Then the break says event_missing', () => {
    const entries = trail(4);
    entries[1] = { ...entries[1], events: [] };

    expect(verifyChain(entries).firstBreak?.reason).toBe('event_missing');
  });

  it('Given a chain entry removed, When verified, Then the break is a sequence gap at the next entry', () => {
    const entries = trail(4);
    entries.splice(1, 1);

    expect(verifyChain(entries).firstBreak).toMatchObject({ seq: 3, position: 2, reason: 'sequence_gap' });
  });

  it('Given an event rewritten together with its event hash, When verified, Then the link no longer matches', () => {
    const entries = trail(3);
    entries[1] = { ...entries[1], eventHash: 'f'.repeat(64) };

    expect(verifyChain(entries).firstBreak).toMatchObject({ seq: 2, reason: 'link_broken' });
  });

  it('Given an empty window, When verified, Then it is ok with nothing checked', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });
});
