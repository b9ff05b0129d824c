export const WINDOW_MS = 60_000;

/** The one-minute window an instant falls in, how far into it the instant is, and when it ends. */
export interface RateWindow {
  readonly start: Date;
  /** Seconds until the window ends. */
  readonly retryAfterSeconds: number;
  /**
   * The share of the previous window still inside the minute that ends now (1 at the window's start, 0 at
   * its end): the sliding-window estimate counts that share of the previous window's requests and tokens.
   */
  readonly previousWeight: number;
}

export function windowOf(now: Date): RateWindow {
  const startMs = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    start: new Date(startMs),
    retryAfterSeconds: Math.max(1, Math.ceil((startMs + WINDOW_MS - now.getTime()) / 1000)),
    previousWeight: 1 - (now.getTime() - startMs) / WINDOW_MS,
  };
}

/** The start of the window before the one starting at `start`. */
export function previousWindowStart(start: Date): Date {
  return new Date(start.getTime() - WINDOW_MS);
}
