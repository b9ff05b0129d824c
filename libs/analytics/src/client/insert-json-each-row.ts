import type { AnalyticsClient } from './create-analytics-client';

/** A table name as it may be spliced into SQL: identifiers only, optionally database-qualified. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export class InvalidTableNameError extends Error {
  readonly code = 'invalid_table_name';

  constructor(readonly table: string) {
    super(`not a table name: ${JSON.stringify(table)}`);
    this.name = 'InvalidTableNameError';
  }
}

/** Rows as one JSONEachRow body (one JSON object per line), built once and insertable later. */
export function toJsonEachRow(rows: readonly object[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n');
}

/**
 * Inserts a JSONEachRow body built beforehand (`toJsonEachRow`), so its serialization can happen while another
 * insert runs. The body travels inline after `INSERT … FORMAT JSONEachRow`, as the client sends it anyway (the
 * HTTP request body to a server, one statement to chDB); the client's own per-row encoding is skipped.
 */
export async function insertJsonEachRow(client: AnalyticsClient, table: string, body: string): Promise<void> {
  if (!TABLE_NAME.test(table)) throw new InvalidTableNameError(table);
  if (body.length === 0) return;
  await client.command({ query: `INSERT INTO ${table} FORMAT JSONEachRow\n${body}` });
}
