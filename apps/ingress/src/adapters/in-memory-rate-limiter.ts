import type { RateAdmission, RateLimiter } from '../pipeline/ports/rate-limiter.port';
import { rateVerdict } from './rate-check';
import { windowOf } from './window';

/** One process only (standalone, single replica): per-connection counters of the current minute. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; requests: number; tokens: number }>();

  admit(input: Parameters<RateLimiter['admit']>[0]): Promise<RateAdmission> {
    const counter = this.counter(input.connectionId, input.now);
    counter.requests += 1;
    return Promise.resolve(rateVerdict(input.limit, counter, input.estimatedTokens, windowOf(input.now)));
  }

  consumeTokens(input: Parameters<RateLimiter['consumeTokens']>[0]): Promise<void> {
    this.counter(input.connectionId, input.now).tokens += input.tokens;
    return Promise.resolve();
  }

  private counter(connectionId: string, now: Date): { start: number; requests: number; tokens: number } {
    const start = windowOf(now).start.getTime();
    let counter = this.windows.get(connectionId);
    if (counter === undefined || counter.start !== start) {
      counter = { start, requests: 0, tokens: 0 };
      this.windows.set(connectionId, counter);
    }
    return counter;
  }
}
