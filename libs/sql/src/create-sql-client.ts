import { join } from 'node:path';
import { PgSqlClient } from './pg-sql-client';
import { PgliteSqlClient } from './pglite-sql-client';
import type { SqlClient } from './sql-client.port';

export interface SqlClientConfig {
  /** PostgreSQL connection string; unset → embedded PGlite under `<dataDir>/pg`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly onBackgroundError?: (error: Error) => void;
}

/** The mode is configuration: a database URL means PostgreSQL, otherwise the embedded engine. */
export async function createSqlClient(config: SqlClientConfig): Promise<SqlClient> {
  if (config.databaseUrl !== undefined && config.databaseUrl !== '') {
    return new PgSqlClient({
      connectionString: config.databaseUrl,
      onBackgroundError: config.onBackgroundError,
    });
  }
  return PgliteSqlClient.open(join(config.dataDir, 'pg'));
}
