import { deadLetterTopic } from '@warden/contracts';
import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import pino, { type Logger } from 'pino';
import type { Bus, Consumer, ConsumerOptions, DeadLetter, OutgoingMessage } from '../bus.port';
import { deadLetterHeaders } from '../consumer/dead-letter-headers';
import { validateForPublishing } from '../publish-validation';
import { TopicPrefix } from '../topic-prefix';
import type { KafkaBusOptions } from './kafka-bus-options';
import { startKafkaConsumer } from './kafka-consumer';
import { readKafkaDeadLetters } from './kafka-dead-letters';
import { kafkaLogLevel, pinoLogCreator } from './kafka-log-creator';

/**
 * The distributed bus on Kafka: idempotent producer with acks=all (order per key survives retries), CloudEvents in
 * binary content mode, consumer groups committing after the handler, a dead-letter topic per group.
 */
const ENSURE_TOPICS_ATTEMPTS = 6;

export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private readonly names: TopicPrefix;
  private readonly logger: Logger;
  private readonly producer: Producer;
  private producerReady?: Promise<void>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = options.logger ?? pino({ name: 'bus', level: process.env.LOG_LEVEL ?? 'info' });
    this.names = new TopicPrefix(options.topicPrefix);
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'warden',
      brokers: [...options.brokers],
      logLevel: kafkaLogLevel(this.logger),
      logCreator: pinoLogCreator(this.logger),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      // Kafka's own murmur2 partitioner (the v2 default), named so kafkajs does not warn on every start.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: options.producerRetries ?? 12, initialRetryTime: 300, maxRetryTime: 8000 },
    });
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const encoded = validateForPublishing(messages);
    if (encoded.length === 0) return;
    await this.ensureProducer();
    await this.producer.send({
      topic: this.names.wire(topic),
      acks: -1,
      messages: encoded.map(({ key, value, headers }) => ({ key, value, headers })),
    });
  }

  consume(options: ConsumerOptions): Promise<Consumer> {
    return this.startConsumer(options);
  }

  readDeadLetters(groupId: string, options?: { timeoutMs?: number; max?: number }): Promise<DeadLetter[]> {
    const topic = this.names.wire(deadLetterTopic(groupId));
    return readKafkaDeadLetters(this.kafka, topic, this.names.wire(''), options);
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const wanted = [...new Set(topics.map((t) => this.names.wire(t)))];
    await this.withAdmin(async (admin) => {
      for (let attempt = 1; ; attempt++) {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        if (missing.length === 0) return;
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: this.options.partitions ?? 3,
              replicationFactor: this.options.replicationFactor ?? 1,
            })),
          });
          return;
        } catch (error) {
          // Another process created them first, or the new topics' metadata is still propagating
          // ("does not host this topic-partition" while waiting for leaders): look again.
          if (attempt >= ENSURE_TOPICS_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
        }
      }
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.close()));
    this.consumers.clear();
    if (this.producerReady) await this.producer.disconnect();
  }

  private async startConsumer(options: ConsumerOptions): Promise<Consumer> {
    await this.ensureTopics([deadLetterTopic(options.groupId)]);
    const consumer = await startKafkaConsumer(options, {
      kafka: this.kafka,
      names: this.names,
      logger: this.logger,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 10_000,
      maxAttempts: this.options.maxAttempts ?? 3,
      backoff: this.options.backoff,
      deadLetter: (groupId, letter) => this.sendDeadLetter(groupId, letter),
    });
    const tracked: Consumer = {
      close: async () => {
        this.consumers.delete(tracked);
        await consumer.close();
      },
    };
    this.consumers.add(tracked);
    return tracked;
  }

  private async sendDeadLetter(groupId: string, letter: DeadLetter): Promise<void> {
    await this.ensureProducer();
    await this.producer.send({
      topic: this.names.wire(deadLetterTopic(groupId)),
      acks: -1,
      messages: [{ key: letter.key, value: letter.value, headers: deadLetterHeaders(letter) }],
    });
  }

  private ensureProducer(): Promise<void> {
    this.producerReady ??= this.producer.connect().catch((error: unknown) => {
      this.producerReady = undefined;
      throw error;
    });
    return this.producerReady;
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
