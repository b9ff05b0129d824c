import { migrate, type SqlClient, type Unlisten } from '@warden/sql';
import pino, { type Logger } from 'pino';
import type { Bus, Consumer, ConsumerOptions, DeadLetter, OutgoingMessage } from '../bus.port';
import { UnknownTopicError } from '../bus-errors';
import type { BackoffPolicy } from '../consumer/backoff';
import { deadLetterHeaders, parseDeadLetter } from '../consumer/dead-letter-headers';
import { validateForPublishing } from '../publish-validation';
import { TopicPrefix } from '../topic-prefix';
import { SqlLogConsumer } from './sql-log-consumer';
import { SQL_LOG_CHANNEL, SQL_LOG_MIGRATIONS, SQL_LOG_MODULE } from './sql-log-migrations';

export interface SqlLogBusOptions {
  /** Prepended to every topic and group id stored (isolation, as on Kafka). */
  readonly topicPrefix?: string;
  readonly logger?: Logger;
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  /** Idle poll period; publishes wake consumers earlier (same process, or NOTIFY). Default 200 ms. */
  readonly pollIntervalMs?: number;
  readonly batchSize?: number;
}

/**
 * The embedded bus (standalone mode): a durable log in the event-store database with the Kafka adapter's
 * contract: validated publishing, one ordered log per topic (a single partition, so order per key holds),
 * consumer groups committing after the handler, dead letters with the reason.
 */
export class SqlLogBus implements Bus {
  private readonly names: TopicPrefix;
  private readonly logger: Logger;
  /** Wake-up callbacks of this process's consumers, by the wire topics they read. */
  private readonly wakers = new Map<() => void, ReadonlySet<string>>();
  private readonly consumers = new Set<Consumer>();

  private unlisten: Unlisten = () => Promise.resolve();

  private constructor(
    private readonly sql: SqlClient,
    private readonly options: SqlLogBusOptions,
  ) {
    this.names = new TopicPrefix(options.topicPrefix);
    this.logger = options.logger ?? pino({ name: 'bus', level: process.env.LOG_LEVEL ?? 'info' });
  }

  /** Applies the log's migrations and listens for publishes of other processes sharing the database. */
  static async open(sql: SqlClient, options: SqlLogBusOptions = {}): Promise<SqlLogBus> {
    await migrate(sql, SQL_LOG_MODULE, SQL_LOG_MIGRATIONS);
    const bus = new SqlLogBus(sql, options);
    bus.unlisten = await sql.listen(SQL_LOG_CHANNEL, (wireTopic) => bus.notifyPublished(wireTopic));
    return bus;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const encoded = validateForPublishing(messages);
    if (encoded.length === 0) return;
    const wireTopic = this.names.wire(topic);
    const rows = messages.map(({ key, event }, i) => ({
      key,
      envelope: event,
      headers: encoded[i]?.headers ?? {},
    }));
    // One statement, so one round trip and its own transaction: the topic row stays locked until commit, so
    // offsets are handed out and become visible in order, with no gaps; NOTIFY is delivered at that commit.
    const { rows: reserved } = await this.sql.query<{ next_offset: number }>(
      `WITH reserved AS (
         UPDATE bus_topics SET next_offset = next_offset + $2 WHERE topic = $1 RETURNING next_offset
       ), appended AS (
         INSERT INTO bus_log (topic, "offset", key, envelope, headers)
         SELECT $1, reserved.next_offset - $2 + m.ord - 1, m.value->>'key', m.value->'envelope', m.value->'headers'
         FROM reserved, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS m(value, ord)
       )
       SELECT next_offset, pg_notify($4, $1) FROM reserved`,
      [wireTopic, rows.length, JSON.stringify(rows), SQL_LOG_CHANNEL],
    );
    if (reserved.length === 0) throw new UnknownTopicError(topic);
    this.notifyPublished(wireTopic);
  }

  consume(options: ConsumerOptions): Promise<Consumer> {
    const consumer = new SqlLogConsumer(options, {
      sql: this.sql,
      names: this.names,
      logger: this.logger,
      maxAttempts: this.options.maxAttempts ?? 3,
      backoff: this.options.backoff,
      pollIntervalMs: this.options.pollIntervalMs ?? 200,
      batchSize: this.options.batchSize ?? 200,
      deadLetter: (groupId, letter) => this.writeDeadLetter(groupId, letter),
      onPublished: (wireTopics, wake) => {
        this.wakers.set(wake, wireTopics);
        return () => this.wakers.delete(wake);
      },
    });
    consumer.start();
    const tracked: Consumer = {
      close: async () => {
        this.consumers.delete(tracked);
        await consumer.close();
      },
    };
    this.consumers.add(tracked);
    return Promise.resolve(tracked);
  }

  async readDeadLetters(
    groupId: string,
    options: { timeoutMs?: number; max?: number } = {},
  ): Promise<DeadLetter[]> {
    const { rows } = await this.sql.query<{ key: string; value: string; headers: Record<string, string> }>(
      'SELECT key, value, headers FROM bus_dead_letters WHERE group_id = $1 ORDER BY id LIMIT $2',
      [this.names.wire(groupId), options.max ?? 100_000],
    );
    return rows.map((row) => parseDeadLetter(row.key, row.value, row.headers));
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (const topic of new Set(topics)) {
      await this.sql.query('INSERT INTO bus_topics (topic) VALUES ($1) ON CONFLICT (topic) DO NOTHING', [
        this.names.wire(topic),
      ]);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.close()));
    this.consumers.clear();
    await this.unlisten();
  }

  /** Wakes the consumers that read `wireTopic`: a publish on another topic costs them no poll. */
  private notifyPublished(wireTopic: string): void {
    for (const [wake, topics] of this.wakers) if (topics.has(wireTopic)) wake();
  }

  private async writeDeadLetter(groupId: string, letter: DeadLetter): Promise<void> {
    // The row keeps the headers a Kafka dead-letter message has, so both adapters read back the same DeadLetter.
    await this.sql.query(
      `INSERT INTO bus_dead_letters (group_id, source_topic, source_offset, key, reason, attempts, value, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.names.wire(groupId),
        this.names.wire(letter.topic),
        Number(letter.offset),
        letter.key,
        letter.reason,
        letter.attempts,
        letter.value,
        JSON.stringify(deadLetterHeaders(letter)),
      ],
    );
  }
}
