import { InMemoryRateLimiter } from './in-memory-rate-limiter';
import { rateVerdict } from './rate-check';
import { windowOf } from './window';

describe('rate limiting', () => {
  const at = new Date('2026-11-26T12:00:45.500Z');

  it('Given an instant, When its window is taken, Then it starts on the minute and retry-after counts to the next one', () => {
    expect(windowOf(at)).toEqual({ start: new Date('2026-11-26T12:00:00.000Z'), retryAfterSeconds: 15 });
  });

  it('Given tokens used plus the estimate above the limit, When checked, Then refused for tokens', () => {
    expect(
      rateVerdict({ tokensPerMinute: 100 }, { requests: 1, tokens: 90 }, 20, windowOf(at)),
    ).toMatchObject({ admitted: false, reason: 'tokens' });
    expect(
      rateVerdict({ tokensPerMinute: 100 }, { requests: 1, tokens: 80 }, 20, windowOf(at)),
    ).toMatchObject({ admitted: true });
  });

  it('Given 2 requests/min in memory, When a third comes in the same minute and a fourth in the next, Then only the third is refused', async () => {
    const limiter = new InMemoryRateLimiter();
    const admit = (now: Date) =>
      limiter.admit({ connectionId: 'con_1', limit: { requestsPerMinute: 2 }, now, estimatedTokens: 0 });
    expect((await admit(at)).admitted).toBe(true);
    expect((await admit(at)).admitted).toBe(true);
    expect((await admit(at)).admitted).toBe(false);
    expect((await admit(new Date('2026-11-26T12:01:00.000Z'))).admitted).toBe(true);
  });
});
