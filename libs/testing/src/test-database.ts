import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server integration tests use: DATABASE_URL, as `npm test` exports it. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection string of the new database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing any connection still open on it. Safe to call twice. */
  drop(): Promise<void>;
}

const PREFIX_PATTERN = /^[a-z_][a-z0-9_]{0,40}$/;

/**
 * Creates a uniquely named database on DATABASE_URL's server, so tests never share state and
 * parallel runs never collide. Drop it in `afterAll`.
 */
export async function createTestDatabase(prefix = 'warden_t'): Promise<TestDatabase> {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(`test database prefix must match ${PREFIX_PATTERN.source}, got "${prefix}"`);
  }
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function withAdminClient(serverUrl: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
