import type { RateAdmission, RateLimiter } from '../pipeline/ports/rate-limiter.port';
import { rateVerdict, type WindowCounts } from './rate-check';
import { WINDOW_MS, windowOf } from './window';

interface Counters {
  start: number;
  requests: number;
  tokens: number;
  previous: WindowCounts;
}

const NONE: WindowCounts = { requests: 0, tokens: 0 };

/**
 * One process only (standalone, single replica): per-connection counters of this minute and the previous
 * one, combined as a sliding window. Only admitted requests are counted, as in the shared limiter.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Counters>();

  admit(input: Parameters<RateLimiter['admit']>[0]): Promise<RateAdmission> {
    const counters = this.counters(input.connectionId, input.now);
    const verdict = rateVerdict(
      input.limit,
      { current: counters, previous: counters.previous },
      input.estimatedTokens,
      windowOf(input.now),
    );
    if (verdict.admitted) counters.requests += 1;
    return Promise.resolve(verdict);
  }

  consumeTokens(input: Parameters<RateLimiter['consumeTokens']>[0]): Promise<void> {
    this.counters(input.connectionId, input.now).tokens += input.tokens;
    return Promise.resolve();
  }

  private counters(connectionId: string, now: Date): Counters {
    const start = windowOf(now).start.getTime();
    const counters = this.windows.get(connectionId);
    if (counters !== undefined && counters.start === start) return counters;
    const previous =
      counters !== undefined && counters.start === start - WINDOW_MS
        ? { requests: counters.requests, tokens: counters.tokens }
        : NONE;
    const fresh = { start, requests: 0, tokens: 0, previous };
    this.windows.set(connectionId, fresh);
    return fresh;
  }
}
