import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AnalyticsClient } from '../client/create-analytics-client';
import { clickhouseSchemasDir } from './clickhouse-schemas-dir';
import { parseMigration, type Migration } from './migration-file';

export const MIGRATIONS_TABLE = 'warden_schema_migrations';

/** An applied migration's file was edited afterwards: the database and the repository disagree. */
export class MigrationChecksumMismatchError extends Error {
  readonly code = 'migration_checksum_mismatch';

  constructor(
    readonly version: number,
    readonly migrationName: string,
  ) {
    super(
      `ClickHouse migration ${String(version).padStart(4, '0')}_${migrationName} changed after it was applied; add a new migration instead`,
    );
    this.name = 'MigrationChecksumMismatchError';
  }
}

export interface MigrationOptions {
  readonly dir?: string;
  readonly logger?: Logger;
}

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => parseMigration(file, readFileSync(join(dir, file), 'utf8')))
    .filter((m): m is Migration => m !== undefined)
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new Error(`two ClickHouse migrations share version ${migrations[i]?.version} in ${dir}`);
    }
  }
  return migrations;
}

const label = (m: Pick<Migration, 'version' | 'name'>): string =>
  `${String(m.version).padStart(4, '0')}_${m.name}`;

/**
 * Applies the pending `schemas/clickhouse/NNNN_<name>.sql` files in order and records each in
 * `warden_schema_migrations`. Idempotent: applied versions are skipped (their checksum must not have
 * changed). Statements should themselves be idempotent (IF NOT EXISTS), because ClickHouse has no
 * transactional DDL: a migration interrupted half-way is re-run from its first statement.
 */
export async function runMigrations(
  client: AnalyticsClient,
  options: MigrationOptions = {},
): Promise<MigrationReport> {
  const migrations = readMigrations(options.dir ?? clickhouseSchemasDir());
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      version UInt32,
      name String,
      checksum String,
      applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`,
  });
  const result = await client.query({
    query: `SELECT version, any(checksum) AS checksum FROM ${MIGRATIONS_TABLE} GROUP BY version`,
    format: 'JSONEachRow',
  });
  const applied = new Map(
    (await result.json<{ version: number; checksum: string }>()).map((r) => [Number(r.version), r.checksum]),
  );

  const report = { applied: [] as string[], alreadyApplied: [] as string[] };
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum)
        throw new MigrationChecksumMismatchError(migration.version, migration.name);
      report.alreadyApplied.push(label(migration));
      continue;
    }
    for (const statement of migration.statements) await client.command({ query: statement });
    await client.insert({
      table: MIGRATIONS_TABLE,
      values: [{ version: migration.version, name: migration.name, checksum: migration.checksum }],
      format: 'JSONEachRow',
    });
    report.applied.push(label(migration));
    options.logger?.info({ migration: label(migration) }, 'clickhouse migration applied');
  }
  return report;
}
