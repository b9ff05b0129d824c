/**
 * Measures append throughput on both adapters:
 *   node -r ./scripts/register.js libs/eventstore/bench/measure-appends.ts [count]
 * PostgreSQL on DATABASE_URL (a throwaway database is created and dropped) and PGlite in a temp dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgSqlClient, PgliteSqlClient, type SqlClient } from '@warden/sql';
import { createTestDatabase } from '@warden/testing';
import { createEventStore } from '../src/create-event-store';
import { testEvent } from '../src/test-event';

const count = Number(process.argv[2] ?? 10_000);
const streams = 100;

/** The floor on this machine right now: one durable single-row INSERT of a similar envelope per round trip. */
async function bareInsertMs(sql: SqlClient): Promise<number> {
  await sql.query('CREATE TABLE bench_bare_insert (id text PRIMARY KEY, envelope jsonb NOT NULL)');
  const rounds = 1_000;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const event = testEvent('bare');
    await sql.query('INSERT INTO bench_bare_insert VALUES ($1, $2::jsonb)', [
      event.id,
      JSON.stringify(event),
    ]);
  }
  const elapsed = (performance.now() - started) / rounds;
  await sql.query('DROP TABLE bench_bare_insert');
  return elapsed;
}

async function measure(label: string, sql: SqlClient): Promise<void> {
  const floorMs = await bareInsertMs(sql);
  const store = await createEventStore(sql);
  const revisions = new Array<number>(streams).fill(-1);
  const ids = Array.from({ length: streams }, (_, i) => `bench-${label}-${i}`);

  let started = performance.now();
  for (let i = 0; i < count; i++) {
    const s = i % streams;
    const expected = revisions[s] === -1 ? 'no_stream' : revisions[s];
    revisions[s] = (await store.append(ids[s], [testEvent(ids[s])], expected)).nextExpectedRevision;
  }
  const singleMs = performance.now() - started;

  const batch = 100;
  started = performance.now();
  for (let i = 0; i < count / batch; i++) {
    const id = `bench-${label}-batch-${i}`;
    await store.append(
      id,
      Array.from({ length: batch }, () => testEvent(id)),
      'no_stream',
    );
  }
  const batchMs = performance.now() - started;

  started = performance.now();
  let after = 0;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1_000 });
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1].position;
  }
  const readMs = performance.now() - started;

  await store.close();
  process.stdout.write(
    `${label}: ${count} single-event appends ${(singleMs / 1000).toFixed(1)} s (${Math.round(count / (singleMs / 1000))}/s, ` +
      `${(singleMs / count).toFixed(2)} ms each vs ${floorMs.toFixed(2)} ms for a bare INSERT); ` +
      `${count / batch} appends of ${batch} ${(batchMs / 1000).toFixed(1)} s (${Math.round(count / (batchMs / 1000))} events/s); ` +
      `readAll of ${read} in pages of 1000 ${(readMs / 1000).toFixed(1)} s\n`,
  );
}

async function main(): Promise<void> {
  const which = process.env.BENCH_ADAPTERS ?? 'pg,pglite';
  if (which.includes('pg,') || which === 'pg') {
    const database = await createTestDatabase('bench_eventstore');
    const sql = new PgSqlClient({ connectionString: database.url });
    try {
      await measure('PostgreSQL', sql);
    } finally {
      await sql.close();
      await database.drop();
    }
  }
  if (which.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'warden-bench-pglite-'));
    const sql = await PgliteSqlClient.open(join(dir, 'pg'));
    try {
      await measure('PGlite', sql);
    } finally {
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
