// Test child process: a Kafka consumer group projecting into PostgreSQL with a dedupe table.
// Env: DATABASE_URL, KAFKA_BROKERS, BUS_TOPIC_PREFIX, GROUP_ID, TOPIC, SESSION_TIMEOUT_MS.
import { PgSqlClient } from '@warden/sql';
import pino from 'pino';
import { KafkaBus } from '../../src/kafka/kafka-bus';
import { projectionHandler } from '../projection';
import { required } from './env';

async function main(): Promise<void> {
  const logger = pino({ name: 'projection-process', level: process.env.LOG_LEVEL ?? 'info' });
  const sql = new PgSqlClient({ connectionString: required('DATABASE_URL') });
  const bus = new KafkaBus({
    brokers: required('KAFKA_BROKERS').split(','),
    topicPrefix: required('BUS_TOPIC_PREFIX'),
    clientId: 'projection-process',
    sessionTimeoutMs: Number(process.env.SESSION_TIMEOUT_MS ?? 6_000),
    logger: logger.child({ component: 'bus' }),
  });
  const consumer = await bus.consume({
    groupId: required('GROUP_ID'),
    topics: [required('TOPIC')],
    handle: projectionHandler(sql),
  });
  logger.info('projection consumer started');
  process.once('SIGTERM', () => {
    void consumer
      .close()
      .then(() => bus.close())
      .then(() => sql.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `projection-process failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
