export const WINDOW_MS = 60_000;

/** Fixed one-minute windows: the window an instant falls in, and seconds until the next one. */
export function windowOf(now: Date): { start: Date; retryAfterSeconds: number } {
  const startMs = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  return {
    start: new Date(startMs),
    retryAfterSeconds: Math.max(1, Math.ceil((startMs + WINDOW_MS - now.getTime()) / 1000)),
  };
}
