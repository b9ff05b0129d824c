/**
 * npm run bench:audit — the audit projector's throughput and time-to-queryable (issue 5, item 1) and report
 * latency over many stored events (item 5), on embedded chDB.
 *   AUDIT_BENCH_EVENTS       events per throughput phase (default 20000)
 *   AUDIT_BENCH_BUS_EVENTS   events through the bus (default 20000; a batch of 1,000 in flight, as the projector runs)
 *   AUDIT_BENCH_REPORT_ROWS  stored decision events for the report latencies (default 10000000)
 *   KAFKA_BROKERS            the bus phase runs on Kafka (default 127.0.0.1:9092)
 */
import {
  closeAnalyticsClient,
  createAnalyticsClient,
  runMigrations,
  toEventRow,
  type AnalyticsClient,
} from '@warden/analytics';
import { KafkaBus, type DeliveredMessage } from '@warden/bus';
import { TOPICS } from '@warden/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { decisionEvent } from '../../apps/audit/test/fixture-events';
import { AuditProjector } from '../../apps/audit/src/projector/audit-projector';
import { FlushBatcher } from '../../apps/audit/src/projector/flush-batcher';
import { accessReport } from '../../apps/audit/src/reports/access-report';
import { queryAuditEvents } from '../../apps/audit/src/reports/query-audit-events';
import { spendReport } from '../../apps/audit/src/reports/spend-report';

const EVENTS = Number(process.env['AUDIT_BENCH_EVENTS'] ?? 20_000);
const BUS_EVENTS = Number(process.env['AUDIT_BENCH_BUS_EVENTS'] ?? 20000);
const REPORT_ROWS = Number(process.env['AUDIT_BENCH_REPORT_ROWS'] ?? 10_000_000);
const BATCH = 5_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const delivered = (org: string, n: number, offset: number): DeliveredMessage => {
  const event = decisionEvent(n, org, { time: new Date(Date.now() - (n % 3600) * 1000) });
  return { topic: TOPICS.decisions, partition: 0, offset: String(offset), key: event.subject, event };
};

async function count(client: AnalyticsClient, org: string): Promise<number> {
  const result = await client.query({
    query: 'SELECT count() AS n FROM events WHERE orgid = {org:String}',
    query_params: { org },
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ n: string }>())[0]?.n ?? 0);
}

async function baselineBulkInsert(client: AnalyticsClient): Promise<void> {
  const rows = Array.from({ length: EVENTS }, (_, n) =>
    toEventRow(delivered('org_baseline', n, n).event, TOPICS.decisions, new Date()),
  );
  const start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH)
    await client.insert({ table: 'events', values: rows.slice(i, i + BATCH), format: 'JSONEachRow' });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `baseline  direct bulk insert into events (+ views), batches of ${BATCH}: ${fmt(EVENTS / seconds)} events/s`,
  );
}

async function projectorBatches(client: AnalyticsClient): Promise<void> {
  const messages = Array.from({ length: EVENTS }, (_, n) => delivered('org_projector', n, n));
  const projector = new AuditProjector(client);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < messages.length; i += BATCH) {
    const t0 = performance.now();
    await projector.project(messages.slice(i, i + BATCH));
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `projector batches of ${BATCH} (dedupe lookup + hash chain + insert): ${fmt(EVENTS / seconds)} events/s, ` +
      `batch → queryable p50 ${fmt(percentile(latencies, 50))} ms p99 ${fmt(percentile(latencies, 99))} ms`,
  );
  const again = performance.now();
  await projector.project(messages.slice(0, BATCH));
  console.log(
    `projector redelivery of ${BATCH} recorded events: ${fmt(performance.now() - again)} ms, count still ${fmt(await count(client, 'org_projector'))}`,
  );
}

async function throughTheBus(client: AnalyticsClient): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const bus = new KafkaBus({
    brokers,
    topicPrefix: `bench${Date.now().toString(36)}.`,
    logger: pino({ level: 'warn' }),
  });
  const org = 'org_bus';
  const publishedAt = new Map<string, number>();
  const latencies: number[] = [];
  const projector = new AuditProjector(client);
  const batcher = new FlushBatcher<DeliveredMessage>(
    async (messages) => {
      await projector.project(messages);
      const now = performance.now();
      for (const m of messages) latencies.push(now - (publishedAt.get(m.event.id) ?? now));
    },
    1000,
    1000,
  );
  try {
    await bus.ensureTopics([TOPICS.decisions]);
    const consumer = await bus.consume({
      groupId: 'audit-bench',
      topics: [TOPICS.decisions],
      maxInFlight: 1000,
      handle: (m) => batcher.add(m),
    });
    const start = performance.now();
    for (let i = 0; i < BUS_EVENTS; i += 500) {
      const events = Array.from(
        { length: Math.min(500, BUS_EVENTS - i) },
        (_, k) => delivered(org, i + k, 0).event,
      );
      const t = performance.now();
      for (const event of events) publishedAt.set(event.id, t);
      await bus.publish(
        TOPICS.decisions,
        events.map((event) => ({ key: event.subject, event })),
      );
    }
    while (latencies.length < BUS_EVENTS) await new Promise((resolve) => setTimeout(resolve, 50));
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `through the bus (Kafka → 1,000 in flight → batcher → projector), ${fmt(BUS_EVENTS)} events published at once: ` +
        `${fmt(BUS_EVENTS / seconds)} events/s, time-to-queryable p50 ${fmt(percentile(latencies, 50))} ms p99 ${fmt(percentile(latencies, 99))} ms (includes the backlog)`,
    );
    latencies.length = 0;
    const paced = 40;
    for (let i = 0; i < paced; i++) {
      const event = delivered(org, BUS_EVENTS + i, 0).event;
      publishedAt.set(event.id, performance.now());
      await bus.publish(TOPICS.decisions, [{ key: event.subject, event }]);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    while (latencies.length < paced) await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(
      `through the bus at ~4 events/s (below its capacity): time-to-queryable p50 ${fmt(percentile(latencies, 50))} ms p99 ${fmt(percentile(latencies, 99))} ms`,
    );
    await consumer.close();
  } finally {
    await bus.close();
  }
}

async function reportsAtScale(client: AnalyticsClient): Promise<void> {
  const chunk = 1_000_000;
  const start = performance.now();
  for (let offset = 0; offset < REPORT_ROWS; offset += chunk) {
    const size = Math.min(chunk, REPORT_ROWS - offset);
    // 20 organizations, 500 principals, 200 resources, spread over the past 180 days.
    await client.command({
      query: `INSERT INTO events (id, type, source, subject, time, orgid, principalid, data, topic)
        SELECT concat('evt_gen_', toString(number)), 'warden.decisions.decision.recorded.v1', 'warden/ingress',
               concat('dec_', toString(number)),
               now64(3) - toIntervalSecond(number % 15552000),
               concat('org_', leftPad(toString(number % 20), 2, '0')),
               concat('prn_', toString(number % 500)),
               concat('{"decisionId":"dec_', toString(number), '","principalId":"prn_', toString(number % 500),
                      '","resourceId":"res_', toString(intHash32(number) % 200), '","action":"model.chat","target":"gpt-4o","outcome":"',
                      if(number % 10 = 0, 'deny', 'allow'), '","reasonCode":"permitted","workflowId":"wf_', toString(number % 7), '"}'),
               'warden.decisions.v1'
        FROM numbers({offset:UInt64}, {size:UInt64})`,
      query_params: { offset, size },
    });
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `generated ${fmt(REPORT_ROWS)} decision events (events + typed views) in ${seconds.toFixed(1)} s`,
  );
  const now = new Date();
  const timed = async (label: string, runs: number, body: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await body(i);
      times.push(performance.now() - t);
    }
    console.log(
      `${label}: p50 ${fmt(percentile(times, 50))} ms p95 ${fmt(percentile(times, 95))} ms (${runs} runs)`,
    );
  };
  await timed('access report, 90 days, one org (~1/20 of the rows)', 20, (i) =>
    accessReport(client, 'org_00', { resourceId: `res_${(i * 37) % 200}` }, now),
  );
  await timed('audit events query, principal filter, page of 100', 20, (i) =>
    queryAuditEvents(client, 'org_01', { principalId: `prn_${(i * 20 + 1) % 500}` }),
  );
  await timed('spend report by model, 30 days (rollup)', 20, () =>
    spendReport(client, 'org_02', { groupBy: 'model' }, now),
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-audit-bench-'));
  const client = createAnalyticsClient({ dataDir });
  try {
    await runMigrations(client);
    await baselineBulkInsert(client);
    await projectorBatches(client);
    await throughTheBus(client);
    if (REPORT_ROWS > 0) await reportsAtScale(client);
  } finally {
    await closeAnalyticsClient(client);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
