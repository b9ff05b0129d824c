import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** Writes JSON formatted the way `npm run lint:format` expects, so generated files stay lint-clean. */
export async function writeJson(path: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  const text = await format(JSON.stringify(value), { ...options, parser: 'json', filepath: path });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
