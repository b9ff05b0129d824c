export interface BackoffPolicy {
  /** Delay after the first failed attempt. Default 100 ms. */
  readonly initialMs?: number;
  /** Upper bound of one delay. Default 2000 ms. */
  readonly maxMs?: number;
}

/** Exponential backoff: the delay to wait after failed attempt number `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = {}): number {
  const initial = policy.initialMs ?? 100;
  const max = policy.maxMs ?? 2000;
  return Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
}
