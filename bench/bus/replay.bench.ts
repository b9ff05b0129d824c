/**
 * npm run bench:replay — a state feed's replay at startup when the guardrails topic holds many scan records
 * (ADR 0008): the same consumer reading every type (the baseline) and naming only the profile types it
 * handles (the rest passed over undecoded), in one run, alternating.
 *   REPLAY_BENCH_RECORDS  scan records on the topic before the one profile event (default 100000)
 *   KAFKA_BROKERS         the broker (default 127.0.0.1:9092; `npm run infra:up` starts one)
 */
import { KafkaBus } from '@warden/bus';
import { envelope, GUARDRAIL_PROFILE_TYPES, TOPICS, type CloudEvent } from '@warden/contracts';
import pino from 'pino';

const RECORDS = Number(process.env['REPLAY_BENCH_RECORDS'] ?? 100_000);
const ROUNDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function scanRecord(n: number): CloudEvent {
  return envelope({
    id: `evt_scan_${n}`,
    source: 'warden/guardrails',
    type: 'warden.guardrails.scan.completed.v1',
    time: new Date(),
    subject: `scn_${n}`,
    orgid: 'org_bench',
    principalid: 'prn_bench',
    data: {
      scanId: `scn_${n}`,
      organizationId: 'org_bench',
      principalId: 'prn_bench',
      profileId: 'default',
      profileVersion: 0,
      direction: 'input',
      action: 'flag',
      contentLength: 120,
      contentBytes: 120,
      contentSha256: 'a'.repeat(64),
      findings: [{ type: 'pii.email', start: 3, end: 20, score: 0.9, detector: 'pii', action: 'flag' }],
    },
  });
}

const lastProfile = envelope({
  id: 'evt_profile_bench',
  source: 'warden/guardrails',
  type: 'warden.guardrails.profile.created.v1',
  time: new Date(),
  subject: 'gpr_bench',
  orgid: 'org_bench',
  data: { profileId: 'gpr_bench', organizationId: 'org_bench', name: 'bench', input: [], output: [] },
});

/** Seconds and CPU ms until a fresh group has handled the profile event at the end of the topic. */
async function replay(
  bus: KafkaBus,
  types: readonly string[] | undefined,
): Promise<{ s: number; cpuMs: number }> {
  let reached = false;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const consumer = await bus.consume({
    groupId: `replay-bench-${Math.random().toString(36).slice(2)}`,
    topics: [TOPICS.guardrails],
    fromBeginning: true,
    ...(types !== undefined && { types }),
    handle: (message) => {
      if (message.event.id === lastProfile.id) reached = true;
      return Promise.resolve();
    },
  });
  while (!reached) await sleep(5);
  const used = process.cpuUsage(cpu);
  const s = (performance.now() - start) / 1000;
  await consumer.close();
  return { s, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const bus = new KafkaBus({
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    topicPrefix: `replaybench${Date.now().toString(36)}.`,
    partitions: 1,
    logger: pino({ level: 'warn' }),
  });
  try {
    await bus.ensureTopics([TOPICS.guardrails]);
    for (let n = 0; n < RECORDS; n += 1000) {
      const events = Array.from({ length: Math.min(1000, RECORDS - n) }, (_, k) => scanRecord(n + k));
      await bus.publish(
        TOPICS.guardrails,
        events.map((event) => ({ key: 'bench', event })),
      );
    }
    await bus.publish(TOPICS.guardrails, [{ key: 'bench', event: lastProfile }]);
    console.log(`${RECORDS.toLocaleString('en-US')} scan records, then one profile event, on one partition`);
    for (let round = 1; round <= ROUNDS; round++) {
      const all = await replay(bus, undefined);
      const profiles = await replay(bus, [GUARDRAIL_PROFILE_TYPES]);
      console.log(
        `round ${round}: every type (baseline) ${all.s.toFixed(2)} s, CPU ${all.cpuMs.toFixed(0)} ms; ` +
          `profile types only ${profiles.s.toFixed(2)} s, CPU ${profiles.cpuMs.toFixed(0)} ms ` +
          `(${(all.s / profiles.s).toFixed(2)}× faster, ${(all.cpuMs / profiles.cpuMs).toFixed(2)}× less CPU)`,
      );
    }
  } finally {
    await bus.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
