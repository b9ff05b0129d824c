import { TOPICS } from '@warden/contracts';
import { createEventStore, type SqlEventStore } from '@warden/eventstore';
import { PgSqlClient } from '@warden/sql';
import {
  createTestDatabase,
  spawnTsProcess,
  testKafkaBrokers,
  uniqueTestPrefix,
  type TestDatabase,
  type TsProcess,
} from '@warden/testing';
import pino from 'pino';
import { orgId, renamedEvent } from '../../test-support/events';
import { PROJECTION_DDL } from '../../test-support/projection';
import { KafkaBus } from '../kafka/kafka-bus';

jest.setTimeout(600_000);

const STREAMS = 200;
const PER_STREAM = 50;
const PER_APPEND = 5;
const TOTAL = STREAMS * PER_STREAM;
const RELAY_KILLS_AT = [2_500, 6_000];
const CONSUMER_KILLS_AT = [3_000, 7_000];

describe('Relay and consumer killed mid-way (issue 2, item 2)', () => {
  let db: TestDatabase;
  let sql: PgSqlClient;
  let store: SqlEventStore;
  let bus: KafkaBus;
  const prefix = uniqueTestPrefix();
  const children: TsProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('bus_relay');
    sql = new PgSqlClient({ connectionString: db.url });
    store = await createEventStore(sql);
    await sql.query(PROJECTION_DDL);
    bus = new KafkaBus({
      brokers: testKafkaBrokers(),
      topicPrefix: prefix,
      logger: pino({ level: 'error' }),
    });
    await bus.ensureTopics([TOPICS.identity]);
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop(5_000)));
    await bus?.close();
    await store?.close();
    await sql?.close();
    await db?.drop();
  });

  const env = {
    DATABASE_URL: '',
    KAFKA_BROKERS: '',
    BUS_TOPIC_PREFIX: prefix,
    GROUP_ID: 'crash-projection',
    TOPIC: TOPICS.identity,
    RELAY_BATCH_SIZE: '100',
    SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'warn',
  };
  const spawn = (entry: string) => {
    const child = spawnTsProcess(`libs/bus/test-support/processes/${entry}`, {
      env: { ...env, DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    });
    children.push(child);
    return child;
  };
  const count = async (query: string) => Number((await sql.query<{ n: number }>(query)).rows[0]?.n ?? 0);

  async function appendAll(): Promise<void> {
    const streams = Array.from({ length: STREAMS }, () => orgId());
    for (let from = 0; from < PER_STREAM; from += PER_APPEND) {
      for (const stream of streams) {
        const events = Array.from({ length: PER_APPEND }, (_, i) => renamedEvent(stream, from + i));
        await store.append(stream, events, from === 0 ? 'no_stream' : from - 1);
      }
    }
  }

  it('Given 10,000 events, When the relay and the consumer are each SIGKILLed twice, Then every event has exactly one effect, in order per stream', async () => {
    const started = Date.now();
    const appending = appendAll();
    let relay = spawn('relay-main.ts');
    let consumer = spawn('projection-main.ts');
    const relayKilledAt: number[] = [];
    const consumerKilledAt: number[] = [];
    let processed = 0;

    while (processed < TOTAL || relayKilledAt.length < 2 || consumerKilledAt.length < 2) {
      if (Date.now() - started > 480_000) throw new Error(`timed out at ${processed} processed`);
      const checkpoint = await store.loadCheckpoint('relay');
      processed = await count('SELECT count(*) AS n FROM test_processed_events');
      const relayAt = RELAY_KILLS_AT[relayKilledAt.length];
      if (relayAt !== undefined && checkpoint >= relayAt) {
        relay.kill('SIGKILL');
        await relay.exited;
        relayKilledAt.push(checkpoint);
        relay = spawn('relay-main.ts');
      }
      const consumerAt = CONSUMER_KILLS_AT[consumerKilledAt.length];
      if (consumerAt !== undefined && processed >= consumerAt) {
        consumer.kill('SIGKILL');
        await consumer.exited;
        consumerKilledAt.push(processed);
        consumer = spawn('projection-main.ts');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await appending;
    const elapsedMs = Date.now() - started;
    // Let redeliveries still in flight land: they must change nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const projected = await count('SELECT coalesce(sum(events), 0) AS n FROM test_stream_projection');
    const streams = await count('SELECT count(*) AS n FROM test_stream_projection');
    const complete = await count(
      `SELECT count(*) AS n FROM test_stream_projection WHERE events = ${PER_STREAM} AND last_seq = ${PER_STREAM - 1}`,
    );
    const violations = await count('SELECT count(*) AS n FROM test_order_violations');
    const duplicates = await count('SELECT n FROM test_duplicates');
    process.stderr.write(
      `relay-crash: ${TOTAL} events in ${elapsedMs} ms; relay killed at checkpoints ${relayKilledAt.join(', ')}; ` +
        `consumer killed at ${consumerKilledAt.join(', ')} processed; ${duplicates} duplicate deliveries absorbed\n`,
    );

    expect(relayKilledAt.every((at) => at < TOTAL)).toBe(true);
    expect(consumerKilledAt.every((at) => at < TOTAL)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM test_processed_events')).toBe(TOTAL);
    expect(projected).toBe(TOTAL);
    expect(streams).toBe(STREAMS);
    expect(complete).toBe(STREAMS);
    expect(violations).toBe(0);
    expect(await store.loadCheckpoint('relay')).toBe(TOTAL);
  });
});
