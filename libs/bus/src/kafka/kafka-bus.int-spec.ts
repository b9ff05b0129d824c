import { Kafka, logLevel } from 'kafkajs';
import { testKafkaBrokers, uniqueTestPrefix } from '@warden/testing';
import pino from 'pino';
import { busContract } from '../../test-support/bus-contract';
import type { CloudEvent } from '@warden/contracts';
import { encodeCloudEvent } from '../cloud-event-codec';
import { KafkaBus } from './kafka-bus';

busContract('KafkaBus', async () => {
  const brokers = testKafkaBrokers();
  const topicPrefix = uniqueTestPrefix();
  const bus = new KafkaBus({
    brokers,
    topicPrefix,
    clientId: 'bus-contract',
    logger: pino({ level: 'error' }),
    backoff: { initialMs: 10, maxMs: 50 },
    sessionTimeoutMs: 6_000,
  });
  const raw = new Kafka({ brokers, clientId: 'bus-contract-raw', logLevel: logLevel.NOTHING }).producer();
  await raw.connect();
  return {
    bus,
    injectUnvalidated: async (topic, key, candidate) => {
      const { value, headers } = encodeCloudEvent(candidate as unknown as CloudEvent);
      await raw.send({ topic: `${topicPrefix}${topic}`, acks: -1, messages: [{ key, value, headers }] });
    },
    close: async () => {
      await raw.disconnect();
      await bus.close();
    },
  };
});
