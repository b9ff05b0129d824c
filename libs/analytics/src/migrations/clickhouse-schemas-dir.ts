import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds `schemas/clickhouse` by walking up from this file: works from source, tests and child processes. */
export function clickhouseSchemasDir(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'schemas', 'clickhouse');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`schemas/clickhouse not found above ${start}`);
    dir = parent;
  }
}
