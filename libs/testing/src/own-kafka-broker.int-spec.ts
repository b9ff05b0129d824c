import { Kafka, logLevel } from 'kafkajs';
import { startOwnKafkaBroker, type OwnKafkaBroker } from './own-kafka-broker';

// Explicit timeouts: jest ignores `testTimeout` set per project (only the root value counts).
const BROKER_TIMEOUT_MS = 120_000;

describe('startOwnKafkaBroker', () => {
  let broker: OwnKafkaBroker | undefined;
  afterAll(async () => {
    await broker?.stop();
  }, BROKER_TIMEOUT_MS);

  it(
    'given a private broker with an acknowledged message, when it is restarted, then the message is still there; stop() shuts it',
    async () => {
      broker = await startOwnKafkaBroker();
      const kafka = new Kafka({
        clientId: 'own-broker-test',
        brokers: broker.brokers,
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: 'restart-check', numPartitions: 1 }],
        waitForLeaders: true,
      });
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({
        topic: 'restart-check',
        acks: -1,
        messages: [{ key: 'k', value: 'acknowledged' }],
      });
      await producer.disconnect();
      await admin.disconnect();

      await broker.restart();

      const afterRestart = kafka.admin();
      await afterRestart.connect();
      const offsets = await afterRestart.fetchTopicOffsets('restart-check');
      await afterRestart.disconnect();
      expect(offsets).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '1' })]);

      await broker.stop();
      broker = undefined;
      const closed = kafka.admin({ retry: { retries: 0 } });
      await expect(closed.connect()).rejects.toThrow();
    },
    BROKER_TIMEOUT_MS,
  );
});
