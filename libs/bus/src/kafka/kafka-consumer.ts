import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Consumer, ConsumerOptions, DeadLetter } from '../bus.port';
import { ConsumerClosingError } from '../bus-errors';
import { decodeCloudEvent } from '../cloud-event-codec';
import type { BackoffPolicy } from '../consumer/backoff';
import { pipelineInOrder } from '../consumer/pipeline-in-order';
import { processMessage } from '../consumer/process-message';
import type { TopicPrefix } from '../topic-prefix';
import { headersToStrings } from './kafka-headers';

export interface KafkaConsumerContext {
  readonly kafka: Kafka;
  readonly names: TopicPrefix;
  readonly logger: Logger;
  readonly sessionTimeoutMs: number;
  readonly maxAttempts: number;
  readonly backoff?: BackoffPolicy;
  readonly deadLetter: (groupId: string, letter: DeadLetter) => Promise<void>;
}

/** A member's partitions handled at once (topics have 3 partitions by default). */
const PARTITIONS_CONSUMED_CONCURRENTLY = 3;

/** Processed messages between two offset commits inside one fetched batch. */
const COMMIT_EVERY = 100;

/**
 * A consumer group member with auto-commit off: messages of a partition are handled one after the other and the
 * offset after a message is committed only once its handler resolved (or it was dead-lettered).
 */
export async function startKafkaConsumer(
  options: ConsumerOptions,
  context: KafkaConsumerContext,
): Promise<Consumer> {
  const { names, logger } = context;
  const log = logger.child({ groupId: options.groupId });
  let closing = false;
  const consumer = context.kafka.consumer({
    groupId: names.wire(options.groupId),
    sessionTimeout: context.sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(context.sessionTimeoutMs / 5)),
    allowAutoTopicCreation: false,
  });
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    log.error({ err: payload.error.message, restart: payload.restart }, 'kafka consumer crashed'),
  );

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const topic = names.logical(batch.topic);
    let uncommitted: string | undefined;
    let sinceCommit = 0;
    const commit = async () => {
      if (uncommitted === undefined) return;
      const offset = uncommitted;
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }],
      });
      uncommitted = undefined;
      sinceCommit = 0;
    };
    try {
      await pipelineInOrder(batch.messages, {
        maxInFlight: options.maxInFlight ?? 1,
        shouldStop: () => closing || !payload.isRunning() || payload.isStale(),
        start: (message) => {
          const headers = headersToStrings(message.headers);
          const value = message.value?.toString('utf8') ?? '';
          return processMessage(
            {
              topic,
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? '',
              value,
              headers,
              decoded: decodeCloudEvent(headers, value),
            },
            {
              handle: options.handle,
              maxAttempts: options.maxAttempts ?? context.maxAttempts,
              backoff: context.backoff,
              isClosing: () => closing || !payload.isRunning(),
              logger: log,
            },
          );
        },
        settle: async (message, outcome) => {
          if (outcome.kind === 'dead-lettered') {
            await context.deadLetter(options.groupId, outcome.letter);
            log.warn(
              { topic, offset: message.offset, reason: outcome.letter.reason },
              'message dead-lettered',
            );
          }
          payload.resolveOffset(message.offset);
          uncommitted = (BigInt(message.offset) + 1n).toString();
          if (++sinceCommit >= COMMIT_EVERY) await commit();
          await payload.heartbeat();
        },
      });
    } catch (error) {
      if (!(error instanceof ConsumerClosingError)) throw error;
    } finally {
      await commit();
    }
  };

  await consumer.connect();
  await consumer.subscribe({
    topics: options.topics.map((t) => names.wire(t)),
    fromBeginning: options.fromBeginning ?? true,
  });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    // Order is per partition (hence per key): a member's partitions need not wait for each other.
    partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
    eachBatch,
  });
  return {
    close: async () => {
      closing = true;
      await consumer.disconnect();
    },
  };
}
