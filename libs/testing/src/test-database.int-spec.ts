import { Client } from 'pg';
import { createTestDatabase, DEFAULT_TEST_DATABASE_URL } from './test-database';

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('when created, then it is a usable database of its own, and drop() removes it even with a connection open', async () => {
    const database = await createTestDatabase('warden_t_selftest');
    expect(database.name).toMatch(/^warden_t_selftest_[0-9a-f]{12}$/);
    expect(new URL(database.url).pathname).toBe(`/${database.name}`);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    client.on('error', () => undefined); // the forced drop terminates this connection
    const result = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(result.rows[0]?.db).toBe(database.name);

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await database.drop();
    await client.end().catch(() => undefined);
  });

  it('given two databases, then their names differ', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.name).not.toBe(second.name);
      expect(await databaseExists(first.name)).toBe(true);
      expect(await databaseExists(second.name)).toBe(true);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it('given a prefix that is not a plain identifier, then it refuses before touching the server', async () => {
    await expect(createTestDatabase('bad"; DROP')).rejects.toThrow(/test database prefix must match/);
  });
});
