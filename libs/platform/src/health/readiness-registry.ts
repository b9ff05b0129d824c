/** A readiness check resolves (or returns true) when its dependency can serve; it throws or returns false otherwise. */
export type ReadinessCheck = () => Promise<boolean | void> | boolean | void;

export interface CheckOutcome {
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed; for the log, not for the unauthenticated /readyz body. */
  readonly reason?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: readonly CheckOutcome[];
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/**
 * The checks behind /readyz. Modules register theirs (database reachable, consumer caught up, …);
 * the process is ready when all pass, and stops being ready as soon as shutdown begins.
 */
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();
  private shuttingDown = false;

  register(name: string, check: ReadinessCheck, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs });
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const outcomes = await Promise.all(
      [...this.checks].map(([name, { check, timeoutMs }]) => run(name, check, timeoutMs)),
    );
    const checks = this.shuttingDown
      ? [...outcomes, { name: 'shutdown', ok: false, reason: 'shutting down' }]
      : outcomes;
    return { ready: checks.every((c) => c.ok), checks };
  }
}

async function run(name: string, check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(check), timeout]);
    return result === false ? { name, ok: false, reason: 'check returned false' } : { name, ok: true };
  } catch (error) {
    return { name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
