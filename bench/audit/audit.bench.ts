/**
 * npm run bench:audit — the audit projector's throughput and time-to-queryable (issue 5, item 1) and report
 * latency over many stored events (item 5), on embedded chDB. Bus phases (service wiring, Kafka): draining a
 * backlog already in Kafka, consuming while the bench publishes as fast as it can, publishing at a fixed rate
 * (from this process, then from another one as the ingress would), and ~4 events/s; each prints its ratio to
 * the direct projector (no bus) measured in the same run.
 *   AUDIT_BENCH_EVENTS       events per direct throughput phase (default 20000)
 *   AUDIT_BENCH_BUS_EVENTS   events of the drain and of the publish-while-running bus phases (default 20000)
 *   AUDIT_BENCH_RATE         events/s offered in the paced bus phases (default 20000; 0 skips them)
 *   AUDIT_BENCH_PACED_SECONDS how long a paced phase publishes (default 5; 10 from another process)
 *   AUDIT_BENCH_BATCH_ROWS   rows per bus call and insert (default: the service's maxBatchRows)
 *   AUDIT_BENCH_PARTITIONS   partitions of the bench topic (default 3, as ensureTopics creates them)
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
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { PublishDone, PublishJob } from './publisher.process';
import { decisionEvent } from '../../apps/audit/test/fixture-events';
import { AuditProjector } from '../../apps/audit/src/projector/audit-projector';
import { DEFAULT_AUDIT_OPTIONS } from '../../apps/audit/src/audit-options';
import {
  startProjectionPipeline,
  type ProjectionPipeline,
} from '../../apps/audit/src/projector/projection-pipeline';
import { accessReport } from '../../apps/audit/src/reports/access-report';
import { queryAuditEvents } from '../../apps/audit/src/reports/query-audit-events';
import { spendReport } from '../../apps/audit/src/reports/spend-report';

const EVENTS = Number(process.env['AUDIT_BENCH_EVENTS'] ?? 20_000);
const BUS_EVENTS = Number(process.env['AUDIT_BENCH_BUS_EVENTS'] ?? 20000);
const REPORT_ROWS = Number(process.env['AUDIT_BENCH_REPORT_ROWS'] ?? 10_000_000);
const BATCH = 5_000;
const BATCH_ROWS = Number(process.env['AUDIT_BENCH_BATCH_ROWS'] ?? DEFAULT_AUDIT_OPTIONS.maxBatchRows);
const PARTITIONS = Number(process.env['AUDIT_BENCH_PARTITIONS'] ?? 3);
const RATE = Number(process.env['AUDIT_BENCH_RATE'] ?? 20_000);
const PACED_SECONDS = Number(process.env['AUDIT_BENCH_PACED_SECONDS'] ?? 5);
const PUBLISH_SLICE = 1_000;

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

async function projectorBatches(client: AnalyticsClient): Promise<number> {
  const run = async (org: string, pipelined: boolean) => {
    const messages = Array.from({ length: EVENTS }, (_, n) => delivered(org, n, n));
    const projector = new AuditProjector(client);
    const latencies: number[] = [];
    const start = performance.now();
    let previous: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < messages.length; i += BATCH) {
      const t0 = performance.now();
      const prepared = await projector.prepare(messages.slice(i, i + BATCH));
      const written = prepared.write().then(() => latencies.push(performance.now() - t0));
      // Pipelined as the service runs it: the next batch is prepared while this one is written.
      if (pipelined) await previous;
      else await written;
      previous = written;
    }
    await previous;
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `direct projector (no bus), batches of ${BATCH}, ${pipelined ? 'next batch prepared during the insert' : 'one batch after the other'} ` +
        `(dedupe lookup + hash chain + insert): ${fmt(EVENTS / seconds)} events/s, ` +
        `batch → queryable p50 ${fmt(percentile(latencies, 50))} ms p99 ${fmt(percentile(latencies, 99))} ms`,
    );
    return { projector, messages, rate: EVENTS / seconds };
  };
  await run('org_sequential', false);
  const { projector, messages, rate } = await run('org_projector', true);
  const again = performance.now();
  await projector.project(messages.slice(0, BATCH));
  console.log(
    `projector redelivery of ${BATCH} recorded events: ${fmt(performance.now() - again)} ms, count still ${fmt(await count(client, 'org_projector'))}`,
  );
  return rate;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service's own wiring (bus batches → batcher → projector) with a hook timing each event's way in. */
async function busPipeline(client: AnalyticsClient) {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const topicPrefix = `bench${Date.now().toString(36)}.`;
  const bus = new KafkaBus({
    brokers,
    topicPrefix,
    partitions: PARTITIONS,
    logger: pino({ level: 'warn' }),
  });
  const publishedAt = new Map<string, number>();
  const latencies: number[] = [];
  const inserts: { rows: number; ms: number }[] = [];
  let lastQueryableAt = 0;
  const projector = new AuditProjector(client);
  await bus.ensureTopics([TOPICS.decisions]);
  let pipeline: ProjectionPipeline | undefined;
  let firstHandedOverAt = 0;
  const start = async () => {
    pipeline = await startProjectionPipeline(
      bus,
      [TOPICS.decisions],
      async (messages) => {
        firstHandedOverAt ||= performance.now();
        const prepared = await projector.prepare(messages);
        return async () => {
          const t0 = performance.now();
          await prepared.write();
          lastQueryableAt = performance.now();
          inserts.push({ rows: messages.length, ms: lastQueryableAt - t0 });
          const queryableAtEpoch = Date.now();
          for (const m of messages) {
            const at = publishedAt.get(m.event.id);
            // Events of another process carry their publishing moment as `time`.
            latencies.push(
              at === undefined ? queryableAtEpoch - Date.parse(m.event.time) : lastQueryableAt - at,
            );
          }
        };
      },
      { ...DEFAULT_AUDIT_OPTIONS, groupId: 'audit-bench', maxBatchRows: BATCH_ROWS },
    );
  };
  let next = 0;
  const publish = async (count: number) => {
    const events = Array.from({ length: count }, () => delivered('org_bus', next++, 0).event);
    const t = performance.now();
    for (const event of events) publishedAt.set(event.id, t);
    await bus.publish(
      TOPICS.decisions,
      events.map((event) => ({ key: event.subject, event })),
    );
  };
  const waitFor = async (count: number) => {
    while (latencies.length < count) await sleep(20);
  };
  const close = async () => {
    await pipeline?.close();
    await bus.close();
  };
  return {
    brokers,
    topicPrefix,
    start,
    publish,
    waitFor,
    latencies,
    inserts,
    firstHandedOverAt: () => firstHandedOverAt,
    queryableAt: () => lastQueryableAt,
    close,
  };
}

type BusPipeline = Awaited<ReturnType<typeof busPipeline>>;

function report(
  label: string,
  events: number,
  seconds: number,
  bus: BusPipeline,
  direct: number,
  withLatency = true,
): void {
  const rate = events / seconds;
  const rows = bus.inserts.reduce((sum, i) => sum + i.rows, 0);
  const busyMs = bus.inserts.reduce((sum, i) => sum + i.ms, 0);
  const latency = withLatency
    ? `time-to-queryable p50 ${fmt(percentile(bus.latencies, 50))} ms p99 ${fmt(percentile(bus.latencies, 99))} ms; `
    : '';
  console.log(
    `${label}: ${fmt(rate)} events/s (${(rate / direct).toFixed(2)} × the direct projector), ${latency}` +
      `${bus.inserts.length} projector batches of ${fmt(rows / Math.max(1, bus.inserts.length))} rows on average, ` +
      `inserting into events ${Math.round((100 * busyMs) / (seconds * 1000))} % of the time`,
  );
}

async function backlogThroughTheBus(bus: BusPipeline, direct: number): Promise<void> {
  bus.latencies.length = 0;
  bus.inserts.length = 0;
  const start = performance.now();
  for (let i = 0; i < BUS_EVENTS; i += PUBLISH_SLICE)
    await bus.publish(Math.min(PUBLISH_SLICE, BUS_EVENTS - i));
  const published = (performance.now() - start) / 1000;
  await bus.waitFor(BUS_EVENTS);
  report(
    `through the bus, ${fmt(BUS_EVENTS)} events published while it runs, as fast as the producer goes (it published ${fmt(BUS_EVENTS / published)} events/s meanwhile; latencies include the backlog)`,
    BUS_EVENTS,
    (bus.queryableAt() - start) / 1000,
    bus,
    direct,
  );
}

async function pacedThroughTheBus(bus: BusPipeline, direct: number): Promise<void> {
  bus.latencies.length = 0;
  bus.inserts.length = 0;
  const sliceMs = 50;
  const perSlice = Math.max(1, Math.round((RATE * sliceMs) / 1000));
  const slices = Math.max(1, Math.round((PACED_SECONDS * 1000) / sliceMs));
  const start = performance.now();
  for (let k = 0; k < slices; k++) {
    const due = start + k * sliceMs;
    if (due > performance.now()) await sleep(due - performance.now());
    await bus.publish(perSlice);
  }
  const offered = (perSlice * slices) / ((performance.now() - start) / 1000);
  await bus.waitFor(perSlice * slices);
  report(
    `through the bus, paced at ${fmt(RATE)} events/s for ${PACED_SECONDS} s (producer reached ${fmt(offered)} events/s)`,
    perSlice * slices,
    (bus.queryableAt() - start) / 1000,
    bus,
    direct,
  );
}

/** The producer in its own process, as the ingress is: the projector's event loop only consumes. */
function publishFromAnotherProcess(job: PublishJob): Promise<PublishDone> {
  const child = fork(join(__dirname, 'publisher.process.ts'), [], {
    execArgv: ['-r', join(__dirname, '..', '..', 'scripts', 'register.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`publisher exited with ${code} before it was done`)));
    child.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'done' in message) {
        child.removeAllListeners('exit');
        resolve((message as { done: PublishDone }).done);
      }
    });
    child.send(job);
  });
}

async function pacedFromAnotherProcess(bus: BusPipeline, direct: number): Promise<void> {
  bus.latencies.length = 0;
  bus.inserts.length = 0;
  const seconds = Number(process.env['AUDIT_BENCH_PACED_SECONDS'] ?? 10);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const done = await publishFromAnotherProcess({
    brokers: bus.brokers,
    topicPrefix: bus.topicPrefix,
    org: 'org_bus_remote',
    from: 0,
    rate: RATE,
    seconds,
    sliceMs: 50,
  });
  await bus.waitFor(done.published + 1);
  const used = process.cpuUsage(cpu);
  const perThousand = (ms: number) => ((1000 * ms) / (done.published + 1)).toFixed(0);
  console.log(
    `  CPU per 1,000 events: consumer + projector + chDB (this process) ${perThousand((used.user + used.system) / 1000)} ms, ` +
      `producer ${perThousand(done.cpuMs)} ms (the broker's not counted)`,
  );
  report(
    `through the bus, paced at ${fmt(RATE)} events/s for ${seconds} s by another process (it reached ${fmt(done.published / done.seconds)} events/s)`,
    done.published + 1,
    (bus.queryableAt() - start) / 1000,
    bus,
    direct,
  );
}

async function slowThroughTheBus(bus: BusPipeline): Promise<void> {
  bus.latencies.length = 0;
  const paced = 40;
  for (let i = 0; i < paced; i++) {
    await bus.publish(1);
    await sleep(250);
  }
  await bus.waitFor(paced);
  console.log(
    `through the bus at ~4 events/s (below its capacity): time-to-queryable p50 ${fmt(percentile(bus.latencies, 50))} ms p99 ${fmt(percentile(bus.latencies, 99))} ms`,
  );
}

/** A backlog already in Kafka when the projector starts: the consumer side alone, from the first batch on. */
async function drainThroughTheBus(bus: BusPipeline, direct: number): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < BUS_EVENTS; i += PUBLISH_SLICE)
    await bus.publish(Math.min(PUBLISH_SLICE, BUS_EVENTS - i));
  const published = (performance.now() - start) / 1000;
  await bus.start();
  await bus.waitFor(BUS_EVENTS);
  report(
    `through the bus, draining ${fmt(BUS_EVENTS)} events already in Kafka (producer alone before it: ${fmt(BUS_EVENTS / published)} events/s)`,
    BUS_EVENTS,
    (bus.queryableAt() - bus.firstHandedOverAt()) / 1000,
    bus,
    direct,
    false,
  );
}

async function throughTheBus(client: AnalyticsClient, direct: number): Promise<void> {
  const bus = await busPipeline(client);
  try {
    console.log(
      `bus pipeline: ${PARTITIONS} partitions, bus calls and inserts of up to ${fmt(BATCH_ROWS)} rows (service wiring)`,
    );
    await drainThroughTheBus(bus, direct);
    await backlogThroughTheBus(bus, direct);
    if (RATE > 0) await pacedThroughTheBus(bus, direct);
    if (RATE > 0) await pacedFromAnotherProcess(bus, direct);
    await slowThroughTheBus(bus);
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
    const direct = await projectorBatches(client);
    await throughTheBus(client, direct);
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
