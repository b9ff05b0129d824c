import type { RateLimit } from '@warden/policy-engine';
import type { RateAdmission } from '../pipeline/ports/rate-limiter.port';
import { WINDOW_MS, type RateWindow } from './window';

export interface WindowCounts {
  readonly requests: number;
  readonly tokens: number;
}

/**
 * Sliding-window estimate of what the last minute used: this window's count plus the share of the previous
 * window's that still falls in the minute ending now (rounded up, so the estimate never under-counts). Fixed
 * windows alone let a client spend a limit at the end of one minute and again at the start of the next.
 */
export function slidingCount(current: number, previous: number, window: RateWindow): number {
  return current + Math.ceil(previous * window.previousWeight - 1e-9);
}

/**
 * Seconds until one more of `amount` fits under `limit`: the previous window's share decays linearly over
 * this window; what this window used itself decays only after it ends (estimated the same way then).
 */
export function secondsUntilFits(
  limit: number,
  current: number,
  previous: number,
  amount: number,
  window: RateWindow,
): number {
  const room = limit - current - amount;
  const untilWindowEnd = window.retryAfterSeconds;
  if (room < 0) {
    // This window alone is over: after it ends its count becomes the decaying previous one.
    const weightNeeded = Math.max(0, (limit - amount) / Math.max(1, current));
    return Math.max(1, Math.ceil(untilWindowEnd + ((1 - weightNeeded) * WINDOW_MS) / 1000));
  }
  if (previous === 0) return 1;
  // Need ceil(previous × weight) ≤ room, i.e. weight ≤ room / previous.
  const elapsedShareNeeded = 1 - room / previous;
  const elapsedShareNow = 1 - window.previousWeight;
  return Math.max(1, Math.ceil(((elapsedShareNeeded - elapsedShareNow) * WINDOW_MS) / 1000 - 1e-9));
}

/**
 * Pure: the verdict on a connection's counts before this request is counted — this window's and the
 * previous one's, combined as a sliding window. Tokens are checked as used so far plus this request's
 * estimate, so one large prompt cannot start past the limit.
 */
export function rateVerdict(
  limit: RateLimit,
  counts: { readonly current: WindowCounts; readonly previous: WindowCounts },
  estimatedTokens: number,
  window: RateWindow,
): RateAdmission {
  const { current, previous } = counts;
  const rpm = limit.requestsPerMinute;
  if (rpm !== undefined && slidingCount(current.requests, previous.requests, window) + 1 > rpm) {
    return {
      admitted: false,
      reason: 'requests',
      message: `the connection allows ${rpm} requests per minute`,
      retryAfterSeconds: secondsUntilFits(rpm, current.requests, previous.requests, 1, window),
    };
  }
  const tpm = limit.tokensPerMinute;
  if (tpm !== undefined) {
    const used = slidingCount(current.tokens, previous.tokens, window);
    if (used + estimatedTokens > tpm) {
      return {
        admitted: false,
        reason: 'tokens',
        message: `the connection allows ${tpm} tokens per minute (${used} used in the last minute)`,
        retryAfterSeconds: secondsUntilFits(tpm, current.tokens, previous.tokens, estimatedTokens, window),
      };
    }
  }
  return { admitted: true, windowStart: window.start };
}
