// Test child process: one relay (event store on DATABASE_URL → Kafka), guarded by the advisory lock.
// Env: DATABASE_URL, KAFKA_BROKERS, BUS_TOPIC_PREFIX, RELAY_BATCH_SIZE.
import { createEventStore } from '@warden/eventstore';
import { PgSqlClient } from '@warden/sql';
import pino from 'pino';
import { KafkaBus } from '../../src/kafka/kafka-bus';
import { Relay } from '../../src/relay/relay';
import { PgAdvisoryRelayLock } from '../../src/relay/relay-lock';
import { required } from './env';

async function main(): Promise<void> {
  const logger = pino({ name: 'relay-process', level: process.env.LOG_LEVEL ?? 'info' });
  const databaseUrl = required('DATABASE_URL');
  const sql = new PgSqlClient({ connectionString: databaseUrl });
  const store = await createEventStore(sql);
  const bus = new KafkaBus({
    brokers: required('KAFKA_BROKERS').split(','),
    topicPrefix: required('BUS_TOPIC_PREFIX'),
    clientId: 'relay-process',
    logger: logger.child({ component: 'bus' }),
  });
  const relay = new Relay(store, bus, {
    batchSize: Number(process.env.RELAY_BATCH_SIZE ?? 500),
    lock: new PgAdvisoryRelayLock(databaseUrl),
    logger,
    onFatal: () => process.exit(1),
  });
  await relay.start();
  process.once('SIGTERM', () => {
    void relay
      .stop()
      .then(() => Promise.all([bus.close(), store.close()]))
      .then(() => sql.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`relay-process failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
