import { deny } from '../denial';
import type { RateLimiter } from '../ports/rate-limiter.port';
import type { DecisionStage } from './decision-stage';

/** Requests/min and tokens/min of the connection that allowed the call (its obligation). */
export function rateLimitStage(limiter: RateLimiter): DecisionStage {
  return {
    name: 'rate_limit',
    async run(context) {
      const limit = context.decision?.obligations.rateLimit;
      const connectionId = context.decision?.connectionId;
      if (limit === undefined || connectionId === undefined) {
        context.rateLimit = { enforced: false };
        return undefined;
      }
      const admission = await limiter.admit({
        connectionId,
        limit,
        now: context.request.receivedAt,
        estimatedTokens: context.request.estimatedInputTokens ?? 0,
      });
      context.rateLimit = {
        enforced: true,
        ...(limit.requestsPerMinute !== undefined && { requestsPerMinute: limit.requestsPerMinute }),
        ...(limit.tokensPerMinute !== undefined && { tokensPerMinute: limit.tokensPerMinute }),
        ...(admission.admitted && { windowStart: admission.windowStart.toISOString() }),
      };
      if (admission.admitted) return undefined;
      if (admission.reason === 'unavailable') {
        return deny('unavailable', admission.message, {
          detailCode: 'rate_limit_state_unavailable',
          retryAfterSeconds: admission.retryAfterSeconds,
        });
      }
      return deny('rate_limited', admission.message, {
        detailCode: `${admission.reason}_per_minute`,
        retryAfterSeconds: admission.retryAfterSeconds,
      });
    },
  };
}
