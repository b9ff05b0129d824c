import { TOPICS } from '@warden/contracts';
import { freePort, uniqueTestPrefix } from '@warden/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { waitUntil } from '../../test-support/collect';
import { orgId, renamedEvent } from '../../test-support/events';
import { KafkaBus } from './kafka-bus';

jest.setTimeout(600_000);

const KAFKA_SH = path.resolve(__dirname, '../../../../infra/kafka/kafka.sh');
const BEFORE_RESTART = 500;
const AFTER_RESTART = 500;
const SENDERS = 3;

/** Issue 2, item 4, on a DEDICATED broker (free ports, temp dir) so the shared dev broker is never touched. */
describe('Kafka broker restarted while producers send (issue 2, item 4)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const kafka = (command: 'start' | 'stop' | 'restart') =>
    promisify(execFile)('bash', [KAFKA_SH, command], { env, timeout: 240_000 });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'warden-kafka-restart-'));
    env = {
      ...process.env,
      WARDEN_KAFKA_PORT: String(await freePort()),
      WARDEN_KAFKA_CONTROLLER_PORT: String(await freePort()),
      WARDEN_KAFKA_DIR: path.join(dir, 'kafka'),
      WARDEN_KAFKA_READY_TIMEOUT_MS: '120000',
    };
    await kafka('start');
  });

  afterAll(async () => {
    if (env) await kafka('stop');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Given producers sending continuously, When the broker restarts, Then every acknowledged event can be consumed', async () => {
    const bus = new KafkaBus({
      brokers: [`127.0.0.1:${env.WARDEN_KAFKA_PORT}`],
      topicPrefix: uniqueTestPrefix(),
      logger: pino({ level: 'silent' }),
      sessionTimeoutMs: 6_000,
    });
    await bus.ensureTopics([TOPICS.identity]);
    const streams = Array.from({ length: 20 }, () => orgId());
    const acked = new Set<string>();
    let failedSends = 0;
    let sending = true;
    const sender = async (n: number) => {
      for (let i = 0; sending; i++) {
        const stream = streams[(n + i) % streams.length] ?? 'org_x';
        const events = Array.from({ length: 5 }, (_, j) => renamedEvent(stream, i * 5 + j));
        try {
          await bus.publish(
            TOPICS.identity,
            events.map((event) => ({ key: stream, event })),
          );
          events.forEach((event) => acked.add(event.id));
        } catch {
          failedSends++;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };
    const senders = Array.from({ length: SENDERS }, (_, n) => sender(n));

    await waitUntil(() => acked.size >= BEFORE_RESTART, 60_000);
    const ackedBeforeRestart = acked.size;
    const restartStarted = Date.now();
    await kafka('restart');
    const restartMs = Date.now() - restartStarted;
    const ackedAtRestartEnd = acked.size;
    await waitUntil(() => acked.size >= ackedAtRestartEnd + AFTER_RESTART, 120_000);
    sending = false;
    await Promise.all(senders);

    const seen = new Set<string>();
    const consumer = await bus.consume({
      groupId: 'restart-verify',
      topics: [TOPICS.identity],
      handle: async (m) => void seen.add(m.event.id),
    });
    await waitUntil(() => [...acked].every((id) => seen.has(id)), 120_000, 200);
    await consumer.close();
    await bus.close();
    process.stderr.write(
      `broker-restart: ${acked.size} events acknowledged (${ackedBeforeRestart} before the restart, ` +
        `${ackedAtRestartEnd - ackedBeforeRestart} during it), restart took ${restartMs} ms, ` +
        `${failedSends} sends failed and were not acknowledged\n`,
    );

    expect(acked.size).toBeGreaterThanOrEqual(BEFORE_RESTART + AFTER_RESTART);
    expect([...acked].filter((id) => !seen.has(id))).toEqual([]);
  });
});
