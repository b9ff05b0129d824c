import { measureRevocationPropagation } from './revocation-propagation';

describe('revocation across processes (identity → event store → relay → Kafka → second process)', () => {
  it('a second process authenticates keys through its Kafka-fed projection and rejects each one once revoked, and a live key once its principal is suspended', async () => {
    const run = await measureRevocationPropagation(5, () => undefined, { suspendAfter: true });
    expect(run.reasons).toEqual(['revoked', 'revoked', 'revoked', 'revoked', 'revoked']);
    expect(run.propagationMs).toHaveLength(5);
    // Generous bound for a shared 2-core machine; the benchmark reports the real distribution.
    for (const ms of run.propagationMs) expect(ms).toBeLessThan(5_000);
    // A key that was never revoked stops too once its principal is suspended.
    expect(run.suspensionReason).toBe('principal_suspended');
  });
});
