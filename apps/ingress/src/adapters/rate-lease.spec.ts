import { LEASE_TTL_MS, RequestRate, exhausted, leaseTarget, usable } from './rate-lease';

describe('rate-limit leases', () => {
  it('Given a quiet connection, When a lease is sized, Then it is one slot: every request is counted in the shared row', () => {
    expect(leaseTarget(0, undefined)).toBe(1);
    expect(leaseTarget(9, 10_000)).toBe(1);
  });

  it('Given a busy connection, When a lease is sized, Then it covers a tenth of a second of traffic, within 5 % of the limit and 256', () => {
    expect(leaseTarget(1_000, undefined)).toBe(100);
    expect(leaseTarget(1_000, 600)).toBe(30);
    expect(leaseTarget(100_000, undefined)).toBe(256);
    expect(leaseTarget(1_000, 7)).toBe(1);
  });

  it('Given requests over two seconds, When counted, Then the previous whole second is reported', () => {
    const rate = new RequestRate();
    expect(rate.hit('con_1', 1_000)).toBe(0);
    expect(rate.hit('con_1', 1_500)).toBe(0);
    expect(rate.hit('con_1', 2_100)).toBe(2);
    expect(rate.previous('con_1', 2_500)).toBe(2);
    expect(rate.previous('con_1', 3_100)).toBe(1);
    expect(rate.hit('con_1', 4_000)).toBe(0);
    expect(rate.previous('con_9', 4_000)).toBe(0);
  });

  const counts = { requests: 0, tokens: 0, previous: { requests: 0, tokens: 0 } };

  it('Given a lease, When it is empty or older than its time to live, Then it is not used', () => {
    expect(usable({ slots: 2, exhausted: false, ...counts, leasedAtMs: 0 }, LEASE_TTL_MS - 1)).toBe(true);
    expect(usable({ slots: 2, exhausted: false, ...counts, leasedAtMs: 0 }, LEASE_TTL_MS)).toBe(false);
    expect(usable({ slots: 0, exhausted: false, ...counts, leasedAtMs: 0 }, 1)).toBe(false);
    expect(usable(undefined, 1)).toBe(false);
  });

  it('Given a lease taken when the limit was reached, When asked within its time to live, Then the window counts as exhausted', () => {
    const full = { slots: 0, exhausted: true, ...counts, leasedAtMs: 0 };
    expect(exhausted(full, LEASE_TTL_MS - 1)).toBe(true);
    expect(exhausted(full, LEASE_TTL_MS)).toBe(false);
    expect(exhausted({ ...full, exhausted: false }, 1)).toBe(false);
  });
});
