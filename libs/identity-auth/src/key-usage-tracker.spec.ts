import { KeyUsageTracker } from './key-usage-tracker';

const at = (s: number): Date => new Date(Date.UTC(2026, 10, 26, 0, 0, s));

describe('KeyUsageTracker', () => {
  it('given uses in two organizations, when drained, then one batch per organization with the latest time and the count', () => {
    const t = new KeyUsageTracker();
    t.record({ keyId: 'key_a', principalId: 'prn_a', organizationId: 'org_1', at: at(5) });
    t.record({ keyId: 'key_a', principalId: 'prn_a', organizationId: 'org_1', at: at(3) });
    t.record({ keyId: 'key_b', principalId: 'prn_b', organizationId: 'org_2', at: at(1) });
    expect(t.drain()).toEqual([
      {
        organizationId: 'org_1',
        usages: [{ keyId: 'key_a', principalId: 'prn_a', lastUsedAt: at(5).toISOString(), count: 2 }],
      },
      {
        organizationId: 'org_2',
        usages: [{ keyId: 'key_b', principalId: 'prn_b', lastUsedAt: at(1).toISOString(), count: 1 }],
      },
    ]);
  });

  it('given a drained batch that could not be published, when restored and used again, then nothing is lost', () => {
    const t = new KeyUsageTracker();
    t.record({ keyId: 'key_a', principalId: 'prn_a', organizationId: 'org_1', at: at(5) });
    const failed = t.drain();
    t.record({ keyId: 'key_a', principalId: 'prn_a', organizationId: 'org_1', at: at(2) });
    t.restore(failed);
    expect(t.drain()).toEqual([
      {
        organizationId: 'org_1',
        usages: [{ keyId: 'key_a', principalId: 'prn_a', lastUsedAt: at(5).toISOString(), count: 2 }],
      },
    ]);
  });

  it('given more keys than one event holds, when drained, then the batch is split at 1000 usages', () => {
    const t = new KeyUsageTracker();
    for (let i = 0; i < 1500; i++)
      t.record({ keyId: `key_${i}`, principalId: 'prn_a', organizationId: 'org_1', at: at(1) });
    expect(t.drain().map((b) => b.usages.length)).toEqual([1000, 500]);
  });
});
