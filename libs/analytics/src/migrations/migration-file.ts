import { createHash } from 'node:crypto';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  readonly statements: readonly string[];
}

export const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

function isOnlyComments(chunk: string): boolean {
  return chunk.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

/** Statements end with `;` at the end of a line; a `;` inside a line (e.g. in a string) does not split. */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/\r\n/g, '\n')
    .split(/;[ \t]*(?:\n|$)/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0 && !isOnlyComments(chunk));
}

/** `NNNN_<name>.sql` + its text → a migration; undefined for files that are not migrations. */
export function parseMigration(fileName: string, sql: string): Migration | undefined {
  const match = MIGRATION_FILE.exec(fileName);
  if (!match) return undefined;
  return {
    version: Number(match[1]),
    name: match[2] ?? '',
    checksum: createHash('sha256').update(sql).digest('hex'),
    statements: splitStatements(sql),
  };
}
