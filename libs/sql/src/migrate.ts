import { ADVISORY_LOCK, advisoryLockKey } from './advisory-locks';
import { pendingMigrations, type Migration } from './migrations';
import type { SqlClient, SqlExecutor } from './sql-client.port';

const LOCK = `SELECT pg_advisory_xact_lock(${advisoryLockKey(ADVISORY_LOCK.schemaMigrations)})`;
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS warden_schema_migrations (
  module text NOT NULL,
  version integer NOT NULL,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (module, version)
)`;

async function lockedAppliedVersions(tx: SqlExecutor, module: string): Promise<Set<number>> {
  // The lock comes first: two processes starting at once would otherwise race even on CREATE TABLE IF NOT EXISTS.
  await tx.query(LOCK);
  await tx.query(CREATE_TABLE);
  const { rows } = await tx.query<{ version: number }>(
    'SELECT version FROM warden_schema_migrations WHERE module = $1',
    [module],
  );
  return new Set(rows.map((row) => row.version));
}

/**
 * Applies the module's pending migrations, each once and in its own transaction, under a transaction-level
 * advisory lock so concurrent starters on PostgreSQL wait for each other instead of applying twice.
 * Returns the versions this call applied.
 */
export async function migrate(
  client: SqlClient,
  module: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  const applied = await client.transaction((tx) => lockedAppliedVersions(tx, module));
  const applying: number[] = [];
  for (const migration of pendingMigrations(module, migrations, applied)) {
    const ran = await client.transaction(async (tx) => {
      // Re-checked under the lock: another process may have applied it since the first read.
      if ((await lockedAppliedVersions(tx, module)).has(migration.version)) return false;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO warden_schema_migrations (module, version, name) VALUES ($1, $2, $3)', [
        module,
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applying.push(migration.version);
  }
  return applying;
}
