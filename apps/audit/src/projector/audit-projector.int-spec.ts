import {
  closeAnalyticsClient,
  createAnalyticsClient,
  runMigrations,
  type AnalyticsClient,
} from '@warden/analytics';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionEvent, delivered, guardrailEvent, usageEvent } from '../../test/fixture-events';
import { readTrail } from '../trail/read-trail';
import { verifyChain } from '../trail/verify-chain';
import { AuditProjector } from './audit-projector';

// libchdb binds one data directory per process: this file uses exactly one.
const dataDir = mkdtempSync(join(tmpdir(), 'warden-audit-projector-'));

async function rows<T>(
  client: AnalyticsClient,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/** Every count and sum an analyst could read, without FINAL: duplicates would show. */
async function snapshot(client: AnalyticsClient, org: string): Promise<Record<string, unknown>> {
  const one = async (query: string) => (await rows<Record<string, unknown>>(client, query, { org }))[0];
  return {
    events: await one('SELECT count() AS n, uniqExact(id) AS ids FROM events WHERE orgid = {org:String}'),
    chain: await one('SELECT count() AS n, max(seq) AS head FROM audit_chain WHERE orgid = {org:String}'),
    decisions: await one(
      "SELECT count() AS n, countIf(outcome = 'deny') AS denied FROM audit_decisions WHERE orgid = {org:String}",
    ),
    findings: await one(
      'SELECT count() AS n, sum(span_end - span_start) AS spans FROM audit_guardrail_findings WHERE orgid = {org:String}',
    ),
    spend: await one(
      'SELECT count() AS n, toString(sum(cost)) AS cost, sum(input_tokens) AS input FROM audit_spend WHERE orgid = {org:String}',
    ),
    spendHourly: await rows(
      client,
      `SELECT dimension, key, toString(sum(cost)) AS cost, sum(requests) AS requests, sum(output_tokens) AS output
       FROM audit_spend_hourly WHERE orgid = {org:String} GROUP BY dimension, key ORDER BY dimension, key`,
      { org },
    ),
    decisionsHourly: await rows(
      client,
      `SELECT hour, outcome, sum(decisions) AS n FROM audit_decisions_hourly WHERE orgid = {org:String}
       GROUP BY hour, outcome ORDER BY hour, outcome`,
      { org },
    ),
  };
}

describe('AuditProjector on embedded chDB', () => {
  let client: AnalyticsClient;

  beforeAll(async () => {
    client = createAnalyticsClient({ dataDir });
    await runMigrations(client);
  });

  afterAll(async () => {
    await closeAnalyticsClient(client);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given 1,000 events projected, When all are delivered a second time in other batches and order, Then every count and sum is unchanged', async () => {
    const org = 'org_redelivery';
    const events = Array.from({ length: 1000 }, (_, n) =>
      n % 3 === 0 ? decisionEvent(n, org) : n % 3 === 1 ? usageEvent(n, org) : guardrailEvent(n, org),
    );
    const messages = events.map((event, n) => delivered(event, n));
    const projector = new AuditProjector(client);
    for (let i = 0; i < messages.length; i += 250) await projector.project(messages.slice(i, i + 250));
    const first = await snapshot(client, org);

    const again = [...messages].reverse();
    const results = [];
    for (let i = 0; i < again.length; i += 300)
      results.push(await new AuditProjector(client).project(again.slice(i, i + 300)));
    const second = await snapshot(client, org);

    expect(first['events']).toEqual({ n: '1000', ids: '1000' });
    expect(first['chain']).toEqual({ n: '1000', head: '1000' });
    expect(results.reduce((sum, r) => sum + r.recorded, 0)).toBe(0);
    expect(second).toEqual(first);
  });

  it('Given a batch holding the same event twice, When projected, Then it is recorded once', async () => {
    const org = 'org_in_batch';
    const event = decisionEvent(1, org);
    const result = await new AuditProjector(client).project([delivered(event, 0), delivered(event, 1)]);

    expect(result).toEqual({ recorded: 1, duplicates: 1 });
    expect(
      await rows(client, 'SELECT count() AS n FROM audit_chain WHERE orgid = {org:String}', { org }),
    ).toEqual([{ n: '1' }]);
  });

  it('Given a batch prepared while the previous batch is still being written, When it repeats some of its ids, Then each id is stored once', async () => {
    const org = 'org_pipelined';
    const messages = Array.from({ length: 600 }, (_, n) => delivered(decisionEvent(n, org), n));
    const projector = new AuditProjector(client);

    const first = await projector.prepare(messages.slice(0, 400));
    const second = await projector.prepare(messages.slice(200, 600));
    const results = await Promise.all([first.write(), second.write()]);

    expect(results).toEqual([
      { recorded: 400, duplicates: 0 },
      { recorded: 200, duplicates: 200 },
    ]);
    expect((await snapshot(client, org))['events']).toEqual({ n: '600', ids: '600' });
    expect(verifyChain(await readTrail(client, { orgId: org }))).toEqual({ ok: true, checked: 600 });
  });

  it('Given a failed write, When the next batch holding its ids was prepared meanwhile and the failed batch comes again, Then every id is stored once', async () => {
    const org = 'org_failed_write';
    const messages = Array.from({ length: 300 }, (_, n) => delivered(decisionEvent(n, org), n));
    let failNextEventsInsert = true;
    // Fault injection on the real client: the first insert into `events` fails as if ClickHouse went away.
    const flaky = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'command') return Reflect.get(target, property, receiver) as unknown;
        return async (params: Parameters<AnalyticsClient['command']>[0]) => {
          if (failNextEventsInsert && params.query.startsWith('INSERT INTO events ')) {
            failNextEventsInsert = false;
            throw new Error('connection reset');
          }
          return target.command(params);
        };
      },
    });
    const projector = new AuditProjector(flaky);

    const first = await projector.prepare(messages.slice(0, 200));
    const second = await projector.prepare(messages.slice(100, 300));
    const [failed, written] = await Promise.allSettled([first.write(), second.write()]);
    const redelivered = await projector.project(messages.slice(0, 200));

    expect(failed.status).toBe('rejected');
    expect(written).toEqual({ status: 'fulfilled', value: { recorded: 200, duplicates: 0 } });
    expect(redelivered).toEqual({ recorded: 100, duplicates: 100 });
    expect((await snapshot(client, org))['events']).toEqual({ n: '300', ids: '300' });
    expect(verifyChain(await readTrail(client, { orgId: org }))).toEqual({ ok: true, checked: 300 });
  });

  it('Given an untouched trail, When verified, Then it is clean and every entry was checked', async () => {
    const org = 'org_clean';
    await new AuditProjector(client).project(
      Array.from({ length: 40 }, (_, n) => delivered(decisionEvent(n, org), n)),
    );

    expect(verifyChain(await readTrail(client, { orgId: org }))).toEqual({ ok: true, checked: 40 });
  });

  it('Given a stored event altered in ClickHouse, When verified, Then the first break is that event', async () => {
    const org = 'org_altered';
    const events = Array.from({ length: 30 }, (_, n) => decisionEvent(n, org));
    await new AuditProjector(client).project(events.map((e, n) => delivered(e, n)));
    await client.command({
      query:
        'ALTER TABLE events UPDATE data = replaceOne(data, \'"deny"\', \'"allow"\') WHERE orgid = {org:String} AND id = {id:String}',
      query_params: { org, id: events[12]?.id },
      clickhouse_settings: { mutations_sync: '1' },
    });

    expect(verifyChain(await readTrail(client, { orgId: org }))).toEqual({
      ok: false,
      checked: 13,
      firstBreak: {
        chain: 'warden.decisions.v1#0',
        seq: 13,
        eventId: events[12]?.id,
        position: 13,
        reason: 'event_altered',
      },
    });
  });

  it('Given a stored event deleted from ClickHouse, When verified, Then the first break is the missing event', async () => {
    const org = 'org_deleted';
    const events = Array.from({ length: 30 }, (_, n) => decisionEvent(n, org));
    await new AuditProjector(client).project(events.map((e, n) => delivered(e, n)));
    await client.command({
      query: 'ALTER TABLE events DELETE WHERE orgid = {org:String} AND id IN {ids:Array(String)}',
      query_params: { org, ids: [events[7]?.id, events[20]?.id] },
      clickhouse_settings: { mutations_sync: '1' },
    });

    const result = verifyChain(await readTrail(client, { orgId: org }));
    expect(result.firstBreak).toEqual({
      chain: 'warden.decisions.v1#0',
      seq: 8,
      eventId: events[7]?.id,
      position: 8,
      reason: 'event_missing',
    });
  });

  it('Given a chain entry deleted, When verified, Then the gap is the first break', async () => {
    const org = 'org_gap';
    await new AuditProjector(client).project(
      Array.from({ length: 10 }, (_, n) => delivered(decisionEvent(n, org), n)),
    );
    await client.command({
      query: 'ALTER TABLE audit_chain DELETE WHERE orgid = {org:String} AND seq = 5',
      query_params: { org },
      clickhouse_settings: { mutations_sync: '1' },
    });

    expect(verifyChain(await readTrail(client, { orgId: org })).firstBreak).toMatchObject({
      seq: 6,
      position: 5,
      reason: 'sequence_gap',
    });
  });

  it('Given random tampering (property), When verified, Then the break is at the first tampered entry', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 15 }), fc.nat(), async (size, pick) => {
        const org = `org_prop_${run++}`;
        const events = Array.from({ length: size }, (_, n) => decisionEvent(n, org));
        await new AuditProjector(client).project(events.map((e, n) => delivered(e, n)));
        const victim = pick % size;
        await client.command({
          query:
            'ALTER TABLE events UPDATE subject = {forged:String} WHERE orgid = {org:String} AND id = {id:String}',
          query_params: { org, id: events[victim]?.id, forged: 'forged' },
          clickhouse_settings: { mutations_sync: '1' },
        });
        const result = verifyChain(await readTrail(client, { orgId: org }));
        return result.ok === false && result.firstBreak?.seq === victim + 1;
      }),
      { numRuns: 8 },
    );
  });
});
