import { Pool, types, type PoolClient, type PoolConfig, type QueryResult } from 'pg';
import type { SqlClient, SqlExecutor, SqlResult, Unlisten } from './sql-client.port';
import { assertSqlIdentifier } from './sql-identifier';

const INT8_OID = 20;

/** Same row shapes as PGlite: int8 as a JS number instead of pg's default string. */
function parserFor(oid: number, format: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID && format === 'text') return (value: string) => Number(value);
  return types.getTypeParser(oid, format) as (value: string) => unknown;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parserFor(oid, format ?? 'text')) as typeof types.getTypeParser,
};

export interface PgSqlClientOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /** Errors of idle connections (server restart, network): reported here instead of crashing the process. */
  readonly onBackgroundError?: (error: Error) => void;
}

type Queryable = Pick<PoolClient, 'query'>;

async function run<TRow>(
  target: Queryable,
  sql: string,
  params?: readonly unknown[],
): Promise<SqlResult<TRow>> {
  const result = (await target.query(sql, params ? [...params] : undefined)) as
    QueryResult<Record<string, unknown>> | QueryResult<Record<string, unknown>>[];
  // Several statements without params come back as one result per statement.
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: (last?.rows ?? []) as TRow[], rowCount: last?.rowCount ?? 0 };
}

/** Distributed mode: PostgreSQL through a `pg` connection pool. */
export class PgSqlClient implements SqlClient {
  private readonly pool: Pool;
  private readonly onBackgroundError: (error: Error) => void;

  constructor(options: PgSqlClientOptions) {
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      types: pgTypes,
    };
    this.pool = new Pool(config);
    this.pool.on('error', (error) => this.onBackgroundError(error));
  }

  query<TRow = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<TRow>> {
    return run<TRow>(this.pool, sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    let begun = false;
    let broken: Error | undefined;
    // BEGIN travels with the transaction's first statement (one round trip fewer per transaction):
    // in the same simple-protocol message when that statement has no params, queued right before it otherwise.
    const tx: SqlExecutor = {
      query: async <TRow = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => {
        if (begun) return run<TRow>(connection, sql, params);
        begun = true;
        if (params === undefined || params.length === 0) return run<TRow>(connection, `BEGIN;\n${sql}`);
        const [, result] = await Promise.all([connection.query('BEGIN'), run<TRow>(connection, sql, params)]);
        return result;
      },
    };
    try {
      const result = await work(tx);
      if (begun) await connection.query('COMMIT');
      return result;
    } catch (error) {
      if (begun) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
      }
      throw error;
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it instead of reusing it.
      connection.release(broken);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
    const name = assertSqlIdentifier(channel);
    const connection = await this.pool.connect();
    const onNotification = (message: { channel: string; payload?: string }) => {
      if (message.channel === name) onNotify(message.payload ?? '');
    };
    const onError = (error: Error) => this.onBackgroundError(error);
    connection.on('notification', onNotification);
    connection.on('error', onError);
    try {
      await connection.query(`LISTEN ${name}`);
    } catch (error) {
      connection.off('notification', onNotification);
      connection.release(error instanceof Error ? error : true);
      throw error;
    }
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      connection.off('notification', onNotification);
      try {
        await connection.query(`UNLISTEN ${name}`);
        connection.off('error', onError);
        connection.release();
      } catch (error) {
        connection.off('error', onError);
        connection.release(error instanceof Error ? error : true);
      }
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
