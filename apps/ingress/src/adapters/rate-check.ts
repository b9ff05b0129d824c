import type { RateLimit } from '@warden/policy-engine';
import type { RateAdmission } from '../pipeline/ports/rate-limiter.port';

/**
 * Pure: the verdict on a window's counters after this request was counted. Tokens are checked as used
 * so far plus this request's estimate, so one large prompt cannot start past the limit.
 */
export function rateVerdict(
  limit: RateLimit,
  counted: { requests: number; tokens: number },
  estimatedTokens: number,
  window: { start: Date; retryAfterSeconds: number },
): RateAdmission {
  if (limit.requestsPerMinute !== undefined && counted.requests > limit.requestsPerMinute) {
    return {
      admitted: false,
      reason: 'requests',
      message: `the connection allows ${limit.requestsPerMinute} requests per minute`,
      retryAfterSeconds: window.retryAfterSeconds,
    };
  }
  if (limit.tokensPerMinute !== undefined && counted.tokens + estimatedTokens > limit.tokensPerMinute) {
    return {
      admitted: false,
      reason: 'tokens',
      message: `the connection allows ${limit.tokensPerMinute} tokens per minute (${counted.tokens} used in this window)`,
      retryAfterSeconds: window.retryAfterSeconds,
    };
  }
  return { admitted: true, windowStart: window.start };
}
