import { envelope } from '@warden/contracts';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import {
  closeAnalyticsClient,
  createAnalyticsClient,
  embeddedDataPath,
  isEmbedded,
  type AnalyticsClient,
} from './client/create-analytics-client';
import { EVENTS_TABLE, toEventRow } from './events/event-row';
import { InvalidTableNameError, insertJsonEachRow, toJsonEachRow } from './client/insert-json-each-row';
import { clickhouseSchemasDir } from './migrations/clickhouse-schemas-dir';
import { MIGRATIONS_TABLE, MigrationChecksumMismatchError, runMigrations } from './migrations/run-migrations';

// libchdb binds one data directory per process: this file uses exactly one.
const dataDir = mkdtempSync(join(tmpdir(), 'warden-analytics-'));

async function rows<T>(
  client: AnalyticsClient,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

function event(id: string, orgid: string, name: string) {
  return envelope({
    id,
    source: 'warden/identity',
    type: 'warden.identity.organization.created.v1',
    time: new Date('2026-11-26T09:00:00.123Z'),
    subject: orgid,
    data: { organizationId: orgid, name },
    orgid,
  });
}

describe('analytics on embedded chDB', () => {
  let client: AnalyticsClient;

  beforeAll(() => {
    client = createAnalyticsClient({ dataDir });
  });

  afterAll(async () => {
    await closeAnalyticsClient(client);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given no CLICKHOUSE_URL, When the client is created, Then it is chDB and answers queries', async () => {
    expect(isEmbedded(client)).toBe(true);
    expect(await rows<{ one: number }>(client, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('Given a fresh database, When migrations run twice, Then the first applies every migration in order and the second nothing', async () => {
    const first = await runMigrations(client);
    const second = await runMigrations(client);

    expect(first.applied[0]).toBe('0001_events');
    expect(first.applied).toEqual([...first.applied].sort());
    expect(first.alreadyApplied).toEqual([]);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    expect(
      await rows<{ version: number; name: string }>(
        client,
        `SELECT version, name FROM ${MIGRATIONS_TABLE} ORDER BY version`,
      ),
    ).toEqual(first.applied.map((name) => ({ version: Number(name.slice(0, 4)), name: name.slice(5) })));
  });

  it('Given the events table, When inspected, Then it is a ReplacingMergeTree partitioned by month and keyed ending in id', async () => {
    const [table] = await rows<{ engine: string; partition_key: string; sorting_key: string }>(
      client,
      'SELECT engine, partition_key, sorting_key FROM system.tables WHERE database = currentDatabase() AND name = {name:String}',
      { name: EVENTS_TABLE },
    );

    expect(table).toEqual({
      engine: 'ReplacingMergeTree',
      partition_key: 'toYYYYMM(time)',
      sorting_key: 'orgid, type, time, id',
    });
  });

  it('Given the same event delivered twice, When read with FINAL, Then it counts once and round-trips its data', async () => {
    const delivered = event('evt_dup_1', 'org_dedupe', 'Acme');
    await client.insert({
      table: EVENTS_TABLE,
      values: [toEventRow(delivered, 'warden.identity.v1', new Date())],
      format: 'JSONEachRow',
    });
    await client.insert({
      table: EVENTS_TABLE,
      values: [toEventRow(delivered, 'warden.identity.v1', new Date())],
      format: 'JSONEachRow',
    });

    const found = await rows<{ id: string; time: string; data: string }>(
      client,
      'SELECT id, time, data FROM events FINAL WHERE orgid = {org:String}',
      { org: 'org_dedupe' },
    );

    expect(found).toEqual([
      {
        id: 'evt_dup_1',
        time: '2026-11-26 09:00:00.123',
        data: '{"organizationId":"org_dedupe","name":"Acme"}',
      },
    ]);
  });

  it('Given rows serialized beforehand, When their JSONEachRow body is inserted, Then they read back exactly, quotes, newlines and all', async () => {
    const tricky = 'line one\nline "two"\t\\ \u00e9\u{1F600} \'; DROP TABLE events; --';
    const body = toJsonEachRow([
      toEventRow(event('evt_body_1', 'org_body', tricky), 'warden.identity.v1', new Date()),
      toEventRow(event('evt_body_2', 'org_body', 'plain'), 'warden.identity.v1', new Date()),
    ]);

    await insertJsonEachRow(client, EVENTS_TABLE, body);

    expect(
      await rows<{ id: string; name: string }>(
        client,
        "SELECT id, JSONExtractString(data, 'name') AS name FROM events WHERE orgid = {org:String} ORDER BY id",
        { org: 'org_body' },
      ),
    ).toEqual([
      { id: 'evt_body_1', name: tricky },
      { id: 'evt_body_2', name: 'plain' },
    ]);
  });

  it('Given a table name that is not an identifier, When a body is inserted into it, Then it is refused before any SQL runs', async () => {
    await expect(insertJsonEachRow(client, 'events FORMAT CSV', '{}')).rejects.toBeInstanceOf(
      InvalidTableNameError,
    );
  });

  it("Given a value with quotes and '; DROP TABLE, When bound as a {name:Type} parameter, Then it is matched literally", async () => {
    const hostile = "Robert'); DROP TABLE events; --";
    await client.insert({
      table: EVENTS_TABLE,
      values: [toEventRow(event('evt_sql_1', 'org_params', hostile), 'warden.identity.v1', new Date())],
      format: 'JSONEachRow',
    });

    const matched = await rows<{ id: string; name: string }>(
      client,
      "SELECT id, JSONExtractString(data, 'name') AS name FROM events FINAL WHERE orgid = {org:String} AND JSONExtractString(data, 'name') = {name:String}",
      { org: 'org_params', name: hostile },
    );
    const unmatched = await rows<{ id: string }>(client, 'SELECT id FROM events WHERE orgid = {org:String}', {
      org: "org_params' OR '1'='1",
    });

    expect(matched).toEqual([{ id: 'evt_sql_1', name: hostile }]);
    expect(unmatched).toEqual([]);
    expect(
      await rows<{ n: string }>(
        client,
        'SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = {t:String}',
        { t: EVENTS_TABLE },
      ),
    ).toEqual([{ n: '1' }]);
  });

  it('Given an applied migration whose file changed, When migrations run, Then they refuse with a checksum error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-migrations-'));
    try {
      mkdirSync(dir, { recursive: true });
      const original = readFileSync(join(clickhouseSchemasDir(), '0001_events.sql'), 'utf8');
      writeFileSync(join(dir, '0001_events.sql'), `${original}\n-- edited after release\n`);

      await expect(runMigrations(client, { dir })).rejects.toBeInstanceOf(MigrationChecksumMismatchError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Given a new migration file, When migrations run, Then only it is applied, in version order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-migrations-'));
    try {
      writeFileSync(
        join(dir, '0001_events.sql'),
        readFileSync(join(clickhouseSchemasDir(), '0001_events.sql'), 'utf8'),
      );
      writeFileSync(
        join(dir, '9999_probe.sql'),
        'CREATE TABLE IF NOT EXISTS probe_a (x String) ENGINE = MergeTree ORDER BY x;\nCREATE TABLE IF NOT EXISTS probe_b (x String) ENGINE = MergeTree ORDER BY x;\n',
      );

      const report = await runMigrations(client, { dir });

      expect(report).toEqual({ applied: ['9999_probe'], alreadyApplied: ['0001_events'] });
      expect(
        await rows<{ name: string }>(
          client,
          "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'probe_%' ORDER BY name",
        ),
      ).toEqual([{ name: 'probe_a' }, { name: 'probe_b' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Given data written, When the client is closed and reopened on the same directory, Then the data is still there', async () => {
    await closeAnalyticsClient(client);
    client = createAnalyticsClient({ dataDir });

    expect(readdirSync(embeddedDataPath(dataDir))).toEqual(expect.arrayContaining(['metadata', 'store']));
    expect(
      await rows<{ id: string }>(client, 'SELECT id FROM events FINAL WHERE orgid = {org:String}', {
        org: 'org_dedupe',
      }),
    ).toEqual([{ id: 'evt_dup_1' }]);
    expect((await runMigrations(client)).applied).toEqual([]);
  });
});
