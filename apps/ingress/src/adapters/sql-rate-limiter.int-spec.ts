import { createSqlClient, type SqlClient } from '@warden/sql';
import { createTestDatabase, type TestDatabase } from '@warden/testing';
import { SqlRateLimiter } from './sql-rate-limiter';

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
