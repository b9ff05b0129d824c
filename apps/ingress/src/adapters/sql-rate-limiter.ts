import type { SqlExecutor } from '@warden/sql';
import type { RateAdmission, RateLimiter } from '../pipeline/ports/rate-limiter.port';
import { rateVerdict } from './rate-check';
import { windowOf } from './window';

export const RATE_WINDOWS_DDL = `
CREATE TABLE IF NOT EXISTS ingress_rate_windows (
  connection_id text NOT NULL,
  window_start timestamptz NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (connection_id, window_start)
)`;

const COUNT_REQUESTS = `
INSERT INTO ingress_rate_windows (connection_id, window_start, requests, tokens) VALUES ($1, $2, $3, 0)
ON CONFLICT (connection_id, window_start) DO UPDATE SET requests = ingress_rate_windows.requests + $3
RETURNING requests, tokens`;

interface Waiting {
  resolve(counted: { requests: number; tokens: number }): void;
  reject(error: unknown): void;
}

const ADD_TOKENS = `
INSERT INTO ingress_rate_windows (connection_id, window_start, requests, tokens) VALUES ($1, $2, 0, $3)
ON CONFLICT (connection_id, window_start) DO UPDATE SET tokens = ingress_rate_windows.tokens + $3`;

const PRUNE = `DELETE FROM ingress_rate_windows WHERE window_start < $1`;

/**
 * Rate limits shared by every ingress replica: one row per connection and minute in the event-store
 * database, counted with an atomic UPSERT (one round trip). When the database does not answer within
 * `timeoutMs` the request is refused (fail closed): no replica can admit on a guess.
 *
 * Requests of one process for one connection that arrive while its UPSERT is in flight are counted
 * together by the next one (`+ n`), each taking its own position in the returned total: exact counts,
 * one row lock per round trip instead of one per request.
 */
export class SqlRateLimiter implements RateLimiter {
  private lastPrune = 0;
  /** Per (connection, window): requests waiting for the next UPSERT while one is in flight. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly sql: SqlExecutor,
    private readonly timeoutMs = 250,
  ) {}

  static async open(sql: SqlExecutor, timeoutMs?: number): Promise<SqlRateLimiter> {
    try {
      await sql.query(RATE_WINDOWS_DDL);
    } catch {
      // Replicas starting together race on CREATE TABLE IF NOT EXISTS; the loser's second try sees the table.
      await sql.query(RATE_WINDOWS_DDL);
    }
    return new SqlRateLimiter(sql, timeoutMs);
  }

  async admit(input: Parameters<RateLimiter['admit']>[0]): Promise<RateAdmission> {
    const window = windowOf(input.now);
    try {
      const counted = await this.withTimeout(this.count(input.connectionId, window.start));
      this.prune(input.now);
      return rateVerdict(input.limit, counted, input.estimatedTokens, window);
    } catch (error: unknown) {
      return {
        admitted: false,
        reason: 'unavailable',
        message: `the shared rate-limit state is unavailable (${error instanceof Error ? error.message : String(error)}): failing closed`,
        retryAfterSeconds: 1,
      };
    }
  }

  async consumeTokens(input: Parameters<RateLimiter['consumeTokens']>[0]): Promise<void> {
    await this.withTimeout(
      this.sql.query(ADD_TOKENS, [input.connectionId, windowOf(input.now).start, input.tokens]),
    );
  }

  private count(connectionId: string, windowStart: Date): Promise<{ requests: number; tokens: number }> {
    const key = `${connectionId}|${windowStart.getTime()}`;
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ resolve, reject });
      this.waiting.set(key, queue);
      if (!this.inFlight.has(key)) void this.drain(key, connectionId, windowStart);
    });
  }

  private async drain(key: string, connectionId: string, windowStart: Date): Promise<void> {
    this.inFlight.add(key);
    for (
      let batch = this.waiting.get(key);
      batch !== undefined && batch.length > 0;
      batch = this.waiting.get(key)
    ) {
      this.waiting.delete(key);
      try {
        const result = await this.sql.query<{ requests: number | string; tokens: number | string }>(
          COUNT_REQUESTS,
          [connectionId, windowStart, batch.length],
        );
        const row = result.rows[0];
        if (row === undefined) throw new Error('no counter row returned');
        const total = Number(row.requests);
        batch.forEach((w, i) =>
          w.resolve({ requests: total - batch.length + i + 1, tokens: Number(row.tokens) }),
        );
      } catch (error: unknown) {
        for (const w of batch) w.reject(error);
      }
    }
    this.inFlight.delete(key);
  }

  private prune(now: Date): void {
    if (now.getTime() - this.lastPrune < 60_000) return;
    this.lastPrune = now.getTime();
    void this.sql.query(PRUNE, [new Date(now.getTime() - 10 * 60_000)]).catch(() => undefined);
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}
