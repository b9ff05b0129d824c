import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Consumer, ConsumerOptions, DeadLetter } from '../bus.port';
import { ConsumerClosingError } from '../bus-errors';
import { decodeCloudEvent, TYPE_HEADER } from '../cloud-event-codec';
import type { BackoffPolicy } from '../consumer/backoff';
import { deliveryUnits } from '../consumer/delivery-units';
import { pipelineInOrder } from '../consumer/pipeline-in-order';
import type { TopicPrefix } from '../topic-prefix';
import { headersToStrings, headerText } from './kafka-headers';

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

/** Fetch limits for batch handlers: a partition's fetch can hold thousands of ~1 KiB events. */
const BATCH_FETCH_LIMITS = { maxBytesPerPartition: 8 * 1024 * 1024, maxBytes: 32 * 1024 * 1024 };

/** Processed messages between two offset commits inside one fetched batch (a batch handler's call commits at once). */
const COMMIT_EVERY = 100;

/**
 * A consumer group member with auto-commit off: a partition's messages are handed over in log order (one per
 * `handle` call, or runs of them per `handleBatch` call) and the offset after a message is committed only once
 * the call covering it resolved (or the message was dead-lettered).
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
    // A batch handler gets at most what one fetch holds: let a fetch hold a full batch (kafkajs: 1 MiB).
    ...(options.handleBatch ? BATCH_FETCH_LIMITS : {}),
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
    const units = deliveryUnits(
      batch.messages,
      {
        offsetOf: (message) => message.offset,
        typeOf: (message) => headerText(message.headers?.[TYPE_HEADER]),
        receive: (message) => {
          const headers = headersToStrings(message.headers);
          const value = message.value?.toString('utf8') ?? '';
          return {
            topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? '',
            value,
            headers,
            decoded: decodeCloudEvent(headers, value),
          };
        },
      },
      options,
      {
        maxAttempts: options.maxAttempts ?? context.maxAttempts,
        backoff: context.backoff,
        isClosing: () => closing || !payload.isRunning(),
        logger: log,
        heartbeat: () => payload.heartbeat(),
      },
    );
    try {
      await pipelineInOrder(units, {
        maxInFlight: options.maxInFlight ?? 1,
        shouldStop: () => closing || !payload.isRunning() || payload.isStale(),
        start: (unit) => unit.run(),
        settle: async (unit, letters) => {
          for (const letter of letters) {
            await context.deadLetter(options.groupId, letter);
            log.warn({ topic, offset: letter.offset, reason: letter.reason }, 'message dead-lettered');
          }
          payload.resolveOffset(unit.lastOffset);
          uncommitted = (BigInt(unit.lastOffset) + 1n).toString();
          sinceCommit += unit.size;
          if (sinceCommit >= COMMIT_EVERY) await commit();
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
