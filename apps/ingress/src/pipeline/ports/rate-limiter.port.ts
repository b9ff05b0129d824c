import type { RateLimit } from '@warden/policy-engine';

export type RateAdmission =
  | { readonly admitted: true; readonly windowStart: Date }
  | {
      readonly admitted: false;
      readonly reason: 'requests' | 'tokens' | 'unavailable';
      readonly message: string;
      readonly retryAfterSeconds: number;
    };

/** Per-connection requests/min and tokens/min; distributed implementations share state across replicas. */
export interface RateLimiter {
  admit(input: {
    readonly connectionId: string;
    readonly limit: RateLimit;
    readonly now: Date;
    readonly estimatedTokens: number;
  }): Promise<RateAdmission>;
  /** Adds the tokens actually used to the connection's current window. */
  consumeTokens(input: {
    readonly connectionId: string;
    readonly tokens: number;
    readonly now: Date;
  }): Promise<void>;
}

export const RATE_LIMITER = Symbol('RATE_LIMITER');
