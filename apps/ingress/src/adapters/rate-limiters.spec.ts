import fc from 'fast-check';
import { InMemoryRateLimiter } from './in-memory-rate-limiter';
import { rateVerdict, secondsUntilFits, slidingCount } from './rate-check';
import { windowOf } from './window';

describe('rate limiting', () => {
  const at = new Date('2026-11-26T12:00:45.500Z');
  const none = { requests: 0, tokens: 0 };

  it('Given an instant, When its window is taken, Then it starts on the minute, retry-after counts to the next one and the previous minute still weighs what is left of it', () => {
    expect(windowOf(at)).toEqual({
      start: new Date('2026-11-26T12:00:00.000Z'),
      retryAfterSeconds: 15,
      previousWeight: 1 - 45.5 / 60,
    });
  });

  it('Given tokens used plus the estimate above the limit, When checked, Then refused for tokens', () => {
    const used = (tokens: number) => ({ current: { requests: 1, tokens }, previous: none });
    expect(rateVerdict({ tokensPerMinute: 100 }, used(90), 20, windowOf(at))).toMatchObject({
      admitted: false,
      reason: 'tokens',
    });
    expect(rateVerdict({ tokensPerMinute: 100 }, used(80), 20, windowOf(at))).toMatchObject({
      admitted: true,
    });
  });

  it('Given a full previous minute, When 15 s into the next, Then three quarters of it still count (rounded up)', () => {
    const window = windowOf(new Date('2026-11-26T12:01:15.000Z'));
    expect(slidingCount(0, 60, window)).toBe(45);
    expect(slidingCount(2, 1, window)).toBe(3);
    expect(slidingCount(5, 0, window)).toBe(5);
  });

  it('Given 60/min spent in the previous minute, When 15 s into the next, Then refused with a retry-after that is when a slot frees up', () => {
    const window = windowOf(new Date('2026-11-26T12:01:15.000Z'));
    const verdict = rateVerdict(
      { requestsPerMinute: 60 },
      { current: { requests: 15, tokens: 0 }, previous: { requests: 60, tokens: 0 } },
      0,
      window,
    );
    // 45 (decaying share) + 15 = 60: the next fits once the share is 44, one second later.
    expect(verdict).toMatchObject({ admitted: false, reason: 'requests', retryAfterSeconds: 1 });
    expect(secondsUntilFits(60, 15, 60, 1, window)).toBe(1);
    expect(secondsUntilFits(60, 60, 0, 1, window)).toBe(46);
  });

  it('Given 2 requests/min in memory, When the limit is spent at the end of a minute, Then the start of the next refuses and its last quarter admits', async () => {
    const limiter = new InMemoryRateLimiter();
    const admit = (now: string) =>
      limiter.admit({
        connectionId: 'con_1',
        limit: { requestsPerMinute: 2 },
        now: new Date(now),
        estimatedTokens: 0,
      });
    expect((await admit('2026-11-26T12:00:59.000Z')).admitted).toBe(true);
    expect((await admit('2026-11-26T12:00:59.000Z')).admitted).toBe(true);
    expect((await admit('2026-11-26T12:00:59.500Z')).admitted).toBe(false);
    expect((await admit('2026-11-26T12:01:00.000Z')).admitted).toBe(false);
    expect((await admit('2026-11-26T12:01:31.000Z')).admitted).toBe(true);
    expect((await admit('2026-11-26T12:01:32.000Z')).admitted).toBe(false);
  });

  it('Property: in memory, the two seconds around any window edge never admit more than the limit (fixed windows admitted 2×)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        // Mostly bursts (gaps up to 1 s), now and then a pause of up to a minute.
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: fc.integer({ min: 0, max: 50 }) },
            { weight: 1, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
          ),
          { minLength: 1, maxLength: 300 },
        ),
        async (limit, gaps) => {
          const limiter = new InMemoryRateLimiter();
          let t = Date.parse('2026-11-26T12:00:00.000Z');
          const admitted: number[] = [];
          for (const gap of gaps) {
            t += gap * 20;
            const verdict = await limiter.admit({
              connectionId: 'con_p',
              limit: { requestsPerMinute: limit },
              now: new Date(t),
              estimatedTokens: 0,
            });
            if (verdict.admitted) admitted.push(t);
          }
          const edges = new Set(admitted.map((x) => Math.ceil((x + 1) / 60_000) * 60_000));
          for (const edge of edges) {
            const around = admitted.filter((x) => x >= edge - 1_000 && x < edge + 1_000).length;
            expect(around).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });
});
