import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { DeadLetter } from '../bus.port';
import { parseDeadLetter } from '../consumer/dead-letter-headers';
import { headersToStrings } from './kafka-headers';

/**
 * Reads a dead-letter topic from the beginning up to its end as it stands now, with a throwaway consumer group
 * (deleted afterwards), so operators and tests can look without moving anyone's offsets.
 */
export async function readKafkaDeadLetters(
  kafka: Kafka,
  wireTopic: string,
  wireGroupPrefix: string,
  options: { timeoutMs?: number; max?: number } = {},
): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(wireTopic)) return [];
    const ends = await admin.fetchTopicOffsets(wireTopic);
    const remaining = new Map(
      ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high) - 1n]),
    );
    if (remaining.size === 0) return [];
    const max = options.max ?? Number.MAX_SAFE_INTEGER;
    const groupId = `${wireGroupPrefix}dlq-reader-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const letters: DeadLetter[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [wireTopic], fromBeginning: true });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.timeoutMs ?? 30_000);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        void consumer.run({
          autoCommit: false,
          eachMessage: ({ partition, message }) => {
            const last = remaining.get(partition);
            if (last === undefined || BigInt(message.offset) > last) return Promise.resolve();
            letters.push(
              parseDeadLetter(
                message.key?.toString('utf8') ?? '',
                message.value?.toString('utf8') ?? '',
                headersToStrings(message.headers),
              ),
            );
            if (BigInt(message.offset) === last) remaining.delete(partition);
            if (remaining.size === 0 || letters.length >= max) done();
            return Promise.resolve();
          },
        });
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return letters;
  } finally {
    await admin.disconnect();
  }
}
