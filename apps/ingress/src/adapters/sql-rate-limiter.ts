import type { SqlExecutor } from '@warden/sql';
import type { RateAdmission, RateLimiter } from '../pipeline/ports/rate-limiter.port';
import { RequestRate, exhausted, leaseTarget, usable, type LeasedSlots } from './rate-lease';
import { rateVerdict, secondsUntilFits } from './rate-check';
import { previousWindowStart, windowOf } from './window';

export const RATE_WINDOWS_DDL = [
  `CREATE TABLE IF NOT EXISTS ingress_rate_windows (
  connection_id text NOT NULL,
  window_start timestamptz NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (connection_id, window_start)
)`,
  `ALTER TABLE ingress_rate_windows ADD COLUMN IF NOT EXISTS last_grant integer NOT NULL DEFAULT 0`,
];

const NO_LIMIT = 2_147_483_647;

/**
 * Takes up to $3 request slots of window $2, never past the requests/min limit $4 less the share $6 of the
 * previous window ($5) that still counts (sliding window): `last_grant` is how many it got, computed from
 * the locked row, so concurrent replicas never over-grant. Returns the counts the verdicts need.
 */
const LEASE_SLOTS = `
WITH previous AS (
  SELECT COALESCE(MAX(requests), 0) AS requests, COALESCE(MAX(tokens), 0) AS tokens
  FROM ingress_rate_windows WHERE connection_id = $1 AND window_start = $5
), room AS (
  SELECT GREATEST(0, $4::int - CEIL(requests * $6::float8 - 1e-9))::int AS slots FROM previous
)
INSERT INTO ingress_rate_windows AS w (connection_id, window_start, requests, tokens, last_grant)
SELECT $1, $2, LEAST($3::int, slots), 0, LEAST($3::int, slots) FROM room
ON CONFLICT (connection_id, window_start) DO UPDATE
  SET last_grant = LEAST(w.requests + $3::int, GREATEST(w.requests, (SELECT slots FROM room))) - w.requests,
      requests = LEAST(w.requests + $3::int, GREATEST(w.requests, (SELECT slots FROM room)))
RETURNING requests, tokens, last_grant,
  (SELECT requests FROM previous) AS previous_requests, (SELECT tokens FROM previous) AS previous_tokens`;

const RETURN_SLOTS = `
UPDATE ingress_rate_windows SET requests = GREATEST(0, requests - $3)
WHERE connection_id = $1 AND window_start = $2`;

const ADD_TOKENS = `
INSERT INTO ingress_rate_windows (connection_id, window_start, requests, tokens) VALUES ($1, $2, 0, $3)
ON CONFLICT (connection_id, window_start) DO UPDATE SET tokens = ingress_rate_windows.tokens + $3`;

const PRUNE = `DELETE FROM ingress_rate_windows WHERE window_start < $1`;

type Admit = Parameters<RateLimiter['admit']>[0];

interface LeaseRow {
  readonly requests: number | string;
  readonly tokens: number | string;
  readonly last_grant: number | string;
  readonly previous_requests: number | string;
  readonly previous_tokens: number | string;
}

interface PendingTokens {
  readonly connectionId: string;
  readonly windowStart: Date;
  tokens: number;
  readonly waiters: { resolve(): void; reject(error: unknown): void }[];
}

interface Waiting {
  readonly input: Admit;
  resolve(admission: RateAdmission): void;
}

/**
 * Rate limits shared by every ingress replica: one row per connection and minute in the event-store
 * database. A process takes request slots from the row in leases (one atomic UPSERT that never grants past
 * the limit), so a busy connection costs one round trip per lease instead of one per request: one slot at
 * low rates — every request counted in the row, exact — and up to a tenth of a second of traffic (at most
 * 5 % of the limit) when busy. Unused slots go back after {@link LEASE_TTL_MS}, which also bounds how stale
 * the token count a lease carries can be. When the database does not answer within `timeoutMs` the
 * request is refused (fail closed): no replica admits on a guess.
 */
export class SqlRateLimiter implements RateLimiter {
  private lastPrune = 0;
  private readonly rate = new RequestRate();
  /** Per (connection, window): slots leased and not yet used. */
  private readonly leases = new Map<string, LeasedSlots>();
  /** Per (connection, window): requests waiting for the lease in flight. */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly inFlight = new Set<string>();
  /** Per (connection, window): tokens consumed and not yet written, with the settles waiting for them. */
  private readonly pendingTokens = new Map<string, PendingTokens>();
  private readonly flushing = new Set<string>();

  constructor(
    private readonly sql: SqlExecutor,
    private readonly timeoutMs = 250,
  ) {}

  static async open(sql: SqlExecutor, timeoutMs?: number): Promise<SqlRateLimiter> {
    for (const ddl of RATE_WINDOWS_DDL) {
      try {
        await sql.query(ddl);
      } catch {
        // Replicas starting together race on IF NOT EXISTS; the loser's second try sees the change.
        await sql.query(ddl);
      }
    }
    return new SqlRateLimiter(sql, timeoutMs);
  }

  admit(input: Admit): Promise<RateAdmission> {
    const nowMs = input.now.getTime();
    const window = windowOf(input.now);
    const key = `${input.connectionId}|${window.start.getTime()}`;
    this.rate.hit(input.connectionId, nowMs);
    this.prune(input.now);
    const lease = this.leases.get(key);
    if (usable(lease, nowMs)) {
      lease.slots -= 1;
      return Promise.resolve(this.slotVerdict(input, lease));
    }
    if (exhausted(lease, nowMs)) return Promise.resolve(this.requestsRefused(input, lease));
    this.giveBack(key, input.connectionId, window.start);
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ input, resolve });
      this.waiting.set(key, queue);
      if (!this.inFlight.has(key)) void this.drain(key, input.connectionId, window.start);
    });
  }

  /**
   * Adds tokens to the shared row with group commit: while one addition for a (connection, window) is in
   * flight, later ones accumulate and go in the next single UPDATE, so a busy connection costs a round trip
   * per flush rather than per request and concurrent settles never queue on the row lock. Each caller still
   * resolves only once its tokens are in the row.
   */
  consumeTokens(input: Parameters<RateLimiter['consumeTokens']>[0]): Promise<void> {
    const windowStart = windowOf(input.now).start;
    const key = `${input.connectionId}|${windowStart.getTime()}`;
    const lease = this.leases.get(key);
    if (lease !== undefined) lease.tokens += input.tokens;
    return new Promise((resolve, reject) => {
      const pending = this.pendingTokens.get(key);
      if (pending !== undefined) {
        pending.tokens += input.tokens;
        pending.waiters.push({ resolve, reject });
      } else {
        this.pendingTokens.set(key, {
          connectionId: input.connectionId,
          windowStart,
          tokens: input.tokens,
          waiters: [{ resolve, reject }],
        });
      }
      if (!this.flushing.has(key)) void this.flushTokens(key);
    });
  }

  private async flushTokens(key: string): Promise<void> {
    this.flushing.add(key);
    for (let batch = this.pendingTokens.get(key); batch !== undefined; batch = this.pendingTokens.get(key)) {
      this.pendingTokens.delete(key);
      try {
        await this.withTimeout(
          this.sql.query(ADD_TOKENS, [batch.connectionId, batch.windowStart, batch.tokens]),
        );
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error: unknown) {
        for (const waiter of batch.waiters) waiter.reject(error);
      }
    }
    this.flushing.delete(key);
  }

  private async drain(key: string, connectionId: string, windowStart: Date): Promise<void> {
    this.inFlight.add(key);
    for (
      let batch = this.waiting.get(key);
      batch !== undefined && batch.length > 0;
      batch = this.waiting.get(key)
    ) {
      this.waiting.delete(key);
      const limit = batch[0]?.input.limit;
      const nowMs = batch[batch.length - 1]?.input.now.getTime() ?? Date.now();
      const want = Math.max(
        batch.length,
        leaseTarget(this.rate.previous(connectionId, nowMs), limit?.requestsPerMinute),
      );
      try {
        const result = await this.withTimeout(
          this.sql.query<LeaseRow>(LEASE_SLOTS, [
            connectionId,
            windowStart,
            want,
            limit?.requestsPerMinute ?? NO_LIMIT,
            previousWindowStart(windowStart),
            windowOf(new Date(nowMs)).previousWeight,
          ]),
        );
        const row = result.rows[0];
        if (row === undefined) throw new Error('no counter row returned');
        const granted = Number(row.last_grant);
        const lease: LeasedSlots = {
          slots: Math.max(0, granted - batch.length),
          exhausted: granted < want,
          requests: Number(row.requests),
          tokens: Number(row.tokens),
          previous: { requests: Number(row.previous_requests), tokens: Number(row.previous_tokens) },
          leasedAtMs: nowMs,
        };
        const answers = batch.map((waiting, i) => ({
          waiting,
          verdict:
            i < granted ? this.slotVerdict(waiting.input, lease) : this.requestsRefused(waiting.input, lease),
        }));
        if (lease.slots > 0 || granted < want) this.leases.set(key, lease);
        for (const { waiting, verdict } of answers) waiting.resolve(verdict);
      } catch (error: unknown) {
        for (const w of batch) w.resolve(unavailable(error));
      }
    }
    this.inFlight.delete(key);
  }

  /** Slots of an expired lease go back to the shared row, so other replicas may use them. */
  private giveBack(key: string, connectionId: string, windowStart: Date): void {
    const lease = this.leases.get(key);
    if (lease === undefined) return;
    this.leases.delete(key);
    if (lease.slots > 0) {
      void this.sql.query(RETURN_SLOTS, [connectionId, windowStart, lease.slots]).catch(() => undefined);
    }
  }

  /**
   * A request that got a slot: the verdict on tokens. One refused on tokens puts its slot back in the lease,
   * so only admitted requests count against requests/min, as in the in-memory limiter.
   */
  private slotVerdict(input: Admit, lease: LeasedSlots): RateAdmission {
    const verdict = this.tokenVerdict(input, lease);
    if (!verdict.admitted) lease.slots += 1;
    return verdict;
  }

  /** Request slots were granted (the row enforced requests/min): the verdict on tokens, as a sliding window. */
  private tokenVerdict(input: Admit, lease: LeasedSlots): RateAdmission {
    const tokensOnly = { tokensPerMinute: input.limit.tokensPerMinute };
    return rateVerdict(
      tokensOnly,
      {
        current: { requests: 0, tokens: lease.tokens },
        previous: { requests: 0, tokens: lease.previous.tokens },
      },
      input.estimatedTokens,
      windowOf(input.now),
    );
  }

  private requestsRefused(input: Admit, lease: LeasedSlots): RateAdmission {
    const rpm = input.limit.requestsPerMinute ?? NO_LIMIT;
    return {
      admitted: false,
      reason: 'requests',
      message: `the connection allows ${rpm} requests per minute`,
      retryAfterSeconds: secondsUntilFits(
        rpm,
        lease.requests,
        lease.previous.requests,
        1,
        windowOf(input.now),
      ),
    };
  }

  private prune(now: Date): void {
    if (now.getTime() - this.lastPrune < 60_000) return;
    this.lastPrune = now.getTime();
    const cutoff = now.getTime() - 10 * 60_000;
    for (const key of this.leases.keys()) {
      if (Number(key.slice(key.lastIndexOf('|') + 1)) < cutoff) this.leases.delete(key);
    }
    void this.sql.query(PRUNE, [new Date(cutoff)]).catch(() => undefined);
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

function unavailable(error: unknown): RateAdmission {
  return {
    admitted: false,
    reason: 'unavailable',
    message: `the shared rate-limit state is unavailable (${error instanceof Error ? error.message : String(error)}): failing closed`,
    retryAfterSeconds: 1,
  };
}
