import { TOPICS } from '@warden/contracts';
import { createEventStore, type SqlEventStore } from '@warden/eventstore';
import { PgliteSqlClient, PgSqlClient, type SqlClient } from '@warden/sql';
import { createTestDatabase, testKafkaBrokers, uniqueTestPrefix } from '@warden/testing';
import pino from 'pino';
import type { Bus, DeliveredMessage } from '../bus.port';
import { KafkaBus } from '../kafka/kafka-bus';
import { SqlLogBus } from '../sql-log/sql-log-bus';
import { waitUntil } from '../../test-support/collect';
import { orgId, renamedEvent, seqOf } from '../../test-support/events';
import { Relay } from './relay';

jest.setTimeout(180_000);

const STREAMS = 20;
const PER_STREAM = 100;
const TOTAL = STREAMS * PER_STREAM;
const silent = pino({ level: 'silent' });

interface Setup {
  sql: SqlClient;
  bus: Bus;
  release(): Promise<void>;
}

const setups: [string, () => Promise<Setup>][] = [
  [
    'PGlite + durable log',
    async () => {
      const sql = await PgliteSqlClient.open();
      const bus = await SqlLogBus.open(sql, { logger: silent, pollIntervalMs: 50 });
      return { sql, bus, release: () => sql.close() };
    },
  ],
  [
    'PostgreSQL + Kafka',
    async () => {
      const db = await createTestDatabase('bus_relay_kafka');
      const sql = new PgSqlClient({ connectionString: db.url });
      const bus = new KafkaBus({
        brokers: testKafkaBrokers(),
        topicPrefix: uniqueTestPrefix(),
        logger: silent,
      });
      return { sql, bus, release: () => sql.close().then(() => db.drop()) };
    },
  ],
];

describe.each(setups)('Relay on %s', (name, setup) => {
  let env: Setup;
  let store: SqlEventStore;

  beforeAll(async () => {
    env = await setup();
    store = await createEventStore(env.sql);
    await env.bus.ensureTopics([TOPICS.identity]);
  });
  afterAll(async () => {
    await env.bus.close();
    await store.close();
    await env.release();
  });

  it('Given stored events, When the relay runs and restarts, Then each event is published once, keyed and in stream order, and the checkpoint is kept', async () => {
    const streams = Array.from({ length: STREAMS }, () => orgId());
    for (let from = 0; from < PER_STREAM; from += 10) {
      for (const stream of streams) {
        const events = Array.from({ length: 10 }, (_, i) => renamedEvent(stream, from + i));
        await store.append(stream, events, from === 0 ? 'no_stream' : from - 1);
      }
    }

    const started = Date.now();
    const relay = new Relay(store, env.bus, { logger: silent, batchSize: 500 });
    await relay.start();
    await waitUntil(async () => (await store.loadCheckpoint('relay')) === TOTAL, 120_000);
    const relayMs = Date.now() - started;
    await relay.stop();
    process.stderr.write(
      `relay (${name}): ${TOTAL} events in ${relayMs} ms (${Math.round((TOTAL / relayMs) * 1000)} events/s)\n`,
    );

    const got: DeliveredMessage[] = [];
    const consumer = await env.bus.consume({
      groupId: 'relay-check',
      topics: [TOPICS.identity],
      handle: async (m) => void got.push(m),
    });
    await waitUntil(() => got.length >= TOTAL, 120_000);
    const again = new Relay(store, env.bus, { logger: silent });
    await again.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await again.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await consumer.close();

    expect(got).toHaveLength(TOTAL);
    expect(new Set(got.map((m) => m.event.id)).size).toBe(TOTAL);
    for (const stream of streams) {
      const mine = got.filter((m) => m.key === stream);
      expect(mine.map((m) => seqOf(m.event))).toEqual([...Array(PER_STREAM).keys()]);
      expect(mine.every((m) => m.event.subject === stream)).toBe(true);
    }
    expect(again.relayedCount).toBe(0);
  });
});
