import { migrate } from './migrate';
import { PgSqlClient } from './pg-sql-client';
import { createSqlClient } from './create-sql-client';
import { sqlClientContract } from './sql-client.contract';
import { createTestDatabase, type TestDatabase } from '@warden/testing';

// PGlite boots a WASM PostgreSQL per open: slow on a loaded machine.
jest.setTimeout(120_000);

let database: TestDatabase;
const opened: PgSqlClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase('sql_pg');
});

afterAll(async () => {
  await Promise.all(opened.map((client) => client.close().catch(() => undefined)));
  await database.drop();
});

sqlClientContract('PostgreSQL (pg)', () => ({
  open: async () => new PgSqlClient({ connectionString: database.url }),
}));

describe('PgSqlClient', () => {
  it('is what createSqlClient builds when a database URL is configured', async () => {
    const client = await createSqlClient({ databaseUrl: database.url, dataDir: '/nonexistent' });
    try {
      expect(client).toBeInstanceOf(PgSqlClient);
    } finally {
      await client.close();
    }
  });

  it('applies each migration exactly once when several processes migrate at the same time', async () => {
    const clients = Array.from({ length: 4 }, () => new PgSqlClient({ connectionString: database.url }));
    opened.push(...clients);
    const migrations = Array.from({ length: 5 }, (_, i) => ({
      version: i + 1,
      name: `step ${i + 1}`,
      // Not idempotent on purpose: a second application would fail.
      sql:
        i === 0
          ? 'CREATE TABLE race_items (step int PRIMARY KEY)'
          : `INSERT INTO race_items VALUES (${i + 1})`,
    }));

    const applied = await Promise.all(clients.map((client) => migrate(client, 'race', migrations)));

    expect(applied.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    const { rows } = await clients[0].query<{ step: number }>('SELECT step FROM race_items ORDER BY step');
    expect(rows.map((row) => row.step)).toEqual([2, 3, 4, 5]);
  });
});
