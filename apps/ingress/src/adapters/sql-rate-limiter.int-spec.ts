import { createSqlClient, type SqlClient } from '@warden/sql';
import { createTestDatabase, type TestDatabase } from '@warden/testing';
import type { RateLimiter } from '../pipeline/ports/rate-limiter.port';
import { InMemoryRateLimiter } from './in-memory-rate-limiter';
import { SqlRateLimiter } from './sql-rate-limiter';

/** The client, counting the statements whose text contains `marker`. */
function counting(client: SqlClient, marker: string, counter: { count: number }): Pick<SqlClient, 'query'> {
  return {
    query: (text: string, params?: unknown[]) => {
      if (text.includes(marker)) counter.count += 1;
      return client.query(text, params);
    },
  };
}

describe('SqlRateLimiter on PostgreSQL', () => {
  let db: TestDatabase;
  let clients: SqlClient[];

  beforeAll(async () => {
    db = await createTestDatabase('warden_ingress_rl');
    clients = [
      await createSqlClient({ databaseUrl: db.url, dataDir: '.' }),
      await createSqlClient({ databaseUrl: db.url, dataDir: '.' }),
    ];
  });

  afterAll(async () => {
    for (const c of clients ?? []) await c.close();
    await db?.drop();
  });

  it('Given two limiters (two replicas) and 7 requests/min, When 40 requests race, Then exactly 7 are admitted', async () => {
    const [a, b] = await Promise.all(clients.map((c) => SqlRateLimiter.open(c)));
    const now = new Date('2026-11-26T12:00:10Z');
    const admissions = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? a : b).admit({
          connectionId: 'con_race',
          limit: { requestsPerMinute: 7 },
          now,
          estimatedTokens: 0,
        }),
      ),
    );
    expect(admissions.filter((x) => x.admitted)).toHaveLength(7);
  });

  it.each([
    ['shared', () => SqlRateLimiter.open(clients[0])],
    ['in_memory', () => Promise.resolve(new InMemoryRateLimiter())],
  ] as const)(
    'Given the token limit spent, When requests are refused on tokens, Then they do not use up requests/min (%s)',
    async (name, open: () => Promise<RateLimiter>) => {
      const limiter = await open();
      const connectionId = `con_refused_${name}`;
      const limit = { requestsPerMinute: 2, tokensPerMinute: 100 };
      const now = new Date('2026-11-26T12:30:10Z');
      await limiter.consumeTokens({ connectionId, tokens: 100, now });
      const admit = (estimatedTokens: number) => limiter.admit({ connectionId, limit, now, estimatedTokens });

      const refused = [await admit(50), await admit(50), await admit(50)];
      const small = [await admit(0), await admit(0), await admit(0)];

      expect(refused.map((r) => r.admitted)).toEqual([false, false, false]);
      expect(refused[0]).toMatchObject({ reason: 'tokens' });
      expect(small.map((r) => r.admitted)).toEqual([true, true, false]);
      expect(small[2]).toMatchObject({ reason: 'requests' });
    },
  );

  it('Given a busy connection on two replicas, When 400 requests alternate at 300/min, Then slots are leased in batches and never over-admitted', async () => {
    const leases = { count: 0 };
    const [a, b] = await Promise.all(
      clients.map((c) => SqlRateLimiter.open(counting(c, 'last_grant', leases))),
    );
    const limit = { requestsPerMinute: 300 };
    const admit = (limiter: SqlRateLimiter, now: Date) =>
      limiter.admit({ connectionId: 'con_busy', limit, now, estimatedTokens: 0 });
    // A busy previous second on both replicas: 100 requests each.
    const warm = new Date('2026-11-26T12:00:10.000Z');
    for (let i = 0; i < 200; i++) await admit(i % 2 === 0 ? a : b, warm);
    leases.count = 0;
    const busy = new Date('2026-11-26T12:00:11.000Z');
    let admitted = 0;
    for (let i = 0; i < 400; i++) if ((await admit(i % 2 === 0 ? a : b, busy)).admitted) admitted += 1;
    // 100 slots were left after the warm-up; a lease is at most 15 (5 % of 300), so at most 2 × 15 stay
    // leased and unused at the end — and never one more than the limit is admitted.
    expect(admitted).toBeLessThanOrEqual(100);
    expect(admitted).toBeGreaterThanOrEqual(100 - 2 * 15);
    expect(leases.count).toBeLessThan(400 / 5);
  });

  it('Given 200 concurrent settles on one connection, When their tokens are added, Then they share a few UPDATEs, the sum is exact, and the other replica refuses past the token limit', async () => {
    const additions = { count: 0 };
    const [a, b] = await Promise.all(
      clients.map((c) => SqlRateLimiter.open(counting(c, 'tokens + $3', additions))),
    );
    const now = new Date('2026-11-26T12:05:10Z');
    const limit = { tokensPerMinute: 2_000 };

    await Promise.all(
      Array.from({ length: 200 }, () => a.consumeTokens({ connectionId: 'con_tokens', tokens: 10, now })),
    );

    const { rows } = await clients[0].query<{ tokens: string }>(
      'SELECT tokens FROM ingress_rate_windows WHERE connection_id = $1',
      ['con_tokens'],
    );
    expect(Number(rows[0]?.tokens)).toBe(2_000);
    expect(additions.count).toBeLessThan(20);
    const onOtherReplica = await b.admit({ connectionId: 'con_tokens', limit, now, estimatedTokens: 1 });
    expect(onOtherReplica).toMatchObject({ admitted: false, reason: 'tokens' });
  });

  it('Given a database that fails, When tokens are added, Then the settle rejects (the caller marks it) and a later settle is unaffected', async () => {
    let fail = true;
    const flaky = new SqlRateLimiter(
      {
        query: (text: string, params?: unknown[]) =>
          fail ? Promise.reject(new Error('connection lost')) : clients[0].query(text, params),
      },
      1_000,
    );
    const now = new Date('2026-11-26T12:06:10Z');

    await expect(flaky.consumeTokens({ connectionId: 'con_flaky', tokens: 5, now })).rejects.toThrow(
      'connection lost',
    );
    fail = false;
    await flaky.consumeTokens({ connectionId: 'con_flaky', tokens: 7, now });

    const { rows } = await clients[0].query<{ tokens: string }>(
      'SELECT tokens FROM ingress_rate_windows WHERE connection_id = $1',
      ['con_flaky'],
    );
    expect(Number(rows[0]?.tokens)).toBe(7);
  });

  it('Given 8 requests/min spent on one replica in the last second of a minute, When the other replica is asked across the edge, Then it refuses at first and admits as the previous minute decays', async () => {
    const [a, b] = await Promise.all(clients.map((c) => SqlRateLimiter.open(c)));
    const limit = { requestsPerMinute: 8 };
    const admit = (limiter: SqlRateLimiter, now: string) =>
      limiter.admit({ connectionId: 'con_edge', limit, now: new Date(now), estimatedTokens: 0 });
    for (let i = 0; i < 8; i++) expect((await admit(a, '2026-11-26T12:10:59.000Z')).admitted).toBe(true);

    const atEdge = await admit(b, '2026-11-26T12:11:00.500Z');
    // 15 s in, three quarters of the previous minute (6) still count: two fit.
    const quarter = [0, 1, 2].map(() => admit(b, '2026-11-26T12:11:15.000Z'));
    const settled = await Promise.all(quarter);

    expect(atEdge).toMatchObject({ admitted: false, reason: 'requests' });
    expect(atEdge.admitted === false && atEdge.retryAfterSeconds).toBeGreaterThanOrEqual(7);
    expect(settled.filter((x) => x.admitted)).toHaveLength(2);
  });

  it('Given a token limit spent in the previous minute, When asked early in the next, Then its decaying share still refuses a large request', async () => {
    const [a, b] = await Promise.all(clients.map((c) => SqlRateLimiter.open(c)));
    const limit = { tokensPerMinute: 1_000 };
    await a.consumeTokens({
      connectionId: 'con_tok_edge',
      tokens: 1_000,
      now: new Date('2026-11-26T12:20:59Z'),
    });

    const early = await b.admit({
      connectionId: 'con_tok_edge',
      limit,
      now: new Date('2026-11-26T12:21:06Z'),
      estimatedTokens: 200,
    });
    const late = await b.admit({
      connectionId: 'con_tok_edge',
      limit,
      now: new Date('2026-11-26T12:21:54Z'),
      estimatedTokens: 200,
    });

    expect(early).toMatchObject({ admitted: false, reason: 'tokens' });
    expect(late).toMatchObject({ admitted: true });
  });

  it('Given a database that does not answer in time, When admitting, Then it fails closed', async () => {
    const slow = new SqlRateLimiter({ query: () => new Promise(() => undefined) }, 20);
    const admission = await slow.admit({
      connectionId: 'con_x',
      limit: { requestsPerMinute: 7 },
      now: new Date(),
      estimatedTokens: 0,
    });
    expect(admission).toMatchObject({ admitted: false, reason: 'unavailable' });
  });
});
