import { PGlite, type Results } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { SqlClient, SqlExecutor, SqlResult, Unlisten } from './sql-client.port';
import { assertSqlIdentifier } from './sql-identifier';

interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

function toResult<TRow>(result: Results<unknown> | undefined): SqlResult<TRow> {
  const rows = (result?.rows ?? []) as TRow[];
  return { rows, rowCount: result?.affectedRows ?? rows.length };
}

async function run<TRow>(
  target: PgliteQueryable,
  sql: string,
  params?: readonly unknown[],
): Promise<SqlResult<TRow>> {
  if (params === undefined || params.length === 0) {
    // Simple protocol, like `pg` without params: allows several statements (migrations).
    const results = await target.exec(sql);
    return toResult<TRow>(results[results.length - 1]);
  }
  return toResult<TRow>(await target.query<TRow>(sql, [...params]));
}

/**
 * Embedded mode: PostgreSQL compiled to WASM, data directory on disk.
 * PGlite has a single connection; its own mutex makes `query` wait while a `transaction` runs,
 * so a transaction never interleaves with other statements.
 */
export class PgliteSqlClient implements SqlClient {
  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined → in memory (tests only). */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    return new PgliteSqlClient(db);
  }

  query<TRow = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<TRow>> {
    return run<TRow>(this.db, sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => work({ query: (sql, params) => run(tx, sql, params) }));
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
    const unlisten = await this.db.listen(assertSqlIdentifier(channel), onNotify);
    let stopped = false;
    return async () => {
      if (stopped || this.db.closed) return;
      stopped = true;
      await unlisten();
    };
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
