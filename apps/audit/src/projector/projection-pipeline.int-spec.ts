import {
  closeAnalyticsClient,
  createAnalyticsClient,
  runMigrations,
  type AnalyticsClient,
} from '@warden/analytics';
import { KafkaBus } from '@warden/bus';
import { TOPICS } from '@warden/contracts';
import { testKafkaBrokers, uniqueTestPrefix, waitFor } from '@warden/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { decisionEvent } from '../../test/fixture-events';
import { readTrail } from '../trail/read-trail';
import { verifyChain } from '../trail/verify-chain';
import { AuditProjector } from './audit-projector';
import { startProjectionPipeline } from './projection-pipeline';

// libchdb binds one data directory per process: this file uses exactly one.
const dataDir = mkdtempSync(join(tmpdir(), 'warden-audit-pipeline-'));
const ORG = 'org_pipeline';

describe('projection pipeline over Kafka and embedded chDB', () => {
  let client: AnalyticsClient;
  let bus: KafkaBus;

  const counts = async () => {
    const result = await client.query({
      query: `SELECT
                (SELECT count() FROM events WHERE orgid = {org:String}) AS events,
                (SELECT uniqExact(id) FROM events WHERE orgid = {org:String}) AS ids,
                (SELECT count() FROM audit_chain WHERE orgid = {org:String}) AS chained,
                (SELECT count() FROM audit_decisions WHERE orgid = {org:String}) AS decisions,
                (SELECT sum(decisions) FROM audit_decisions_hourly WHERE orgid = {org:String}) AS hourly`,
      query_params: { org: ORG },
      format: 'JSONEachRow',
    });
    return (await result.json<Record<string, string>>())[0];
  };

  /** Runs a consumer group over the topic until it handed `messages` messages to the projector. */
  const consumeAll = async (groupId: string, messages: number) => {
    const projector = new AuditProjector(client);
    let handled = 0;
    const pipeline = await startProjectionPipeline(
      bus,
      [TOPICS.decisions],
      async (batch) => {
        const prepared = await projector.prepare(batch);
        return async () => {
          await prepared.write();
          handled += batch.length;
        };
      },
      { groupId, maxBatchRows: 100, maxBatchDelayMs: 200, batchIdleMs: 2 },
    );
    await waitFor(() => handled >= messages, {
      timeoutMs: 60_000,
      message: `${groupId} handled ${messages}`,
    });
    await pipeline.close();
  };

  beforeAll(async () => {
    client = createAnalyticsClient({ dataDir });
    await runMigrations(client);
    bus = new KafkaBus({
      brokers: testKafkaBrokers(),
      topicPrefix: uniqueTestPrefix(),
      logger: pino({ level: 'error' }),
    });
    await bus.ensureTopics([TOPICS.decisions]);
  });

  afterAll(async () => {
    await bus.close();
    await closeAnalyticsClient(client);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given every event published twice over 3 partitions, When two groups project the topic one after the other, Then each event is recorded once and every chain verifies', async () => {
    const events = Array.from({ length: 900 }, (_, n) => decisionEvent(n, ORG));
    const messages = events.map((event) => ({ key: event.subject, event }));
    const twice = [...messages, ...messages];
    for (let i = 0; i < twice.length; i += 300) await bus.publish(TOPICS.decisions, twice.slice(i, i + 300));
    await consumeAll('audit-pipeline-first', 2 * events.length);
    const first = await counts();

    await consumeAll('audit-pipeline-replay', 2 * events.length);
    const trail = await readTrail(client, { orgId: ORG });

    expect(first).toEqual({ events: '900', ids: '900', chained: '900', decisions: '900', hourly: '900' });
    expect(await counts()).toEqual(first);
    expect(new Set(trail.map((entry) => entry.chain)).size).toBe(3);
    expect(verifyChain(trail)).toEqual({ ok: true, checked: 900 });
  });
});
