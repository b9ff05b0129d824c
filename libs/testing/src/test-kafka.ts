import { randomBytes } from 'node:crypto';

/** Brokers of the Kafka cluster integration tests run against (KAFKA_BROKERS, comma-separated). */
export function testKafkaBrokers(): string[] {
  const brokers = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (brokers.length === 0) {
    throw new Error(
      'KAFKA_BROKERS is not set: run integration tests through `npm test` or `npm run test:int`, ' +
        'which start a local Kafka broker and set it (or set KAFKA_BROKERS=127.0.0.1:9092 yourself)',
    );
  }
  return brokers;
}

/** A fresh prefix such as `t3f9a0c1b.` for topic and consumer-group names, so test runs never collide. */
export function uniqueTestPrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}
