import { CountingRateLimiter } from '../../../test-support/in-memory-ports';
import { contextFor } from '../../../test-support/stage-context';
import { rateLimitStage } from './rate-limit.stage';

const allowWith = (rateLimit?: { requestsPerMinute?: number }) => ({
  decision: {
    decision: 'allow' as const,
    reasons: [],
    obligations: rateLimit ? { rateLimit } : {},
    policyVersion: 'v',
    connectionId: 'con_1',
  },
});

describe('rate_limit stage', () => {
  it('Given no rate limit obligation, When run, Then it passes and records it was not enforced', async () => {
    const context = contextFor({}, allowWith());
    expect(await rateLimitStage(new CountingRateLimiter()).run(context)).toBeUndefined();
    expect(context.rateLimit).toEqual({ enforced: false });
  });

  it('Given 1 request/min, When a second request comes, Then rate_limited with retry-after', async () => {
    const limiter = new CountingRateLimiter();
    const stage = rateLimitStage(limiter);
    await stage.run(contextFor({}, allowWith({ requestsPerMinute: 1 })));
    expect(await stage.run(contextFor({}, allowWith({ requestsPerMinute: 1 })))).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 60,
    });
  });

  it('Given the shared state is unavailable, When run, Then it fails closed', async () => {
    const limiter = new CountingRateLimiter();
    limiter.unavailable = true;
    expect(
      await rateLimitStage(limiter).run(contextFor({}, allowWith({ requestsPerMinute: 1 }))),
    ).toMatchObject({ code: 'unavailable' });
  });
});
