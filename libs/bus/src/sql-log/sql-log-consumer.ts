import type { SqlClient } from '@warden/sql';
import type { Logger } from 'pino';
import type { Consumer, ConsumerOptions, DeadLetter } from '../bus.port';
import { ConsumerClosingError } from '../bus-errors';
import type { BackoffPolicy } from '../consumer/backoff';
import { DEFAULT_MAX_BATCH_SIZE, deliveryUnits } from '../consumer/delivery-units';
import { pipelineInOrder } from '../consumer/pipeline-in-order';
import type { TopicPrefix } from '../topic-prefix';

export interface SqlLogConsumerContext {
  readonly sql: SqlClient;
  readonly names: TopicPrefix;
  readonly logger: Logger;
  readonly maxAttempts: number;
  readonly backoff?: BackoffPolicy;
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly deadLetter: (groupId: string, letter: DeadLetter) => Promise<void>;
  /** Registers a wake-up callback fired when something was published on one of these wire topics; returns its unregistration. */
  readonly onPublished: (wireTopics: ReadonlySet<string>, wake: () => void) => () => void;
}

interface LogRow {
  offset: number;
  key: string;
  envelope: unknown;
  headers: Record<string, string>;
}

/**
 * A polling consumer of the durable log. The embedded mode is one process, so a group has one consumer: no
 * partition assignment or rebalancing, the group's topics are read in offset order by this one loop, and its
 * position per topic is committed after each handler call resolved (or its messages were dead-lettered).
 */
export class SqlLogConsumer implements Consumer {
  private closing = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly unregister: () => void;
  private readonly group: string;
  /** Next offset per wire topic; loaded from the committed offsets, then kept here (this loop is the only reader). */
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly options: ConsumerOptions,
    private readonly context: SqlLogConsumerContext,
  ) {
    this.group = context.names.wire(options.groupId);
    const wireTopics = new Set(options.topics.map((topic) => context.names.wire(topic)));
    this.unregister = context.onPublished(wireTopics, () => this.wake?.());
  }

  start(): void {
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.unregister();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const log = this.context.logger.child({ groupId: this.options.groupId });
    while (!this.closing) {
      try {
        let handled = 0;
        for (const topic of this.options.topics) {
          if (this.closing) break;
          handled += await this.pollTopic(topic);
        }
        if (handled === 0) await this.idle(this.context.pollIntervalMs);
      } catch (error) {
        if (error instanceof ConsumerClosingError) break;
        this.positions.clear();
        log.error(
          { err: error instanceof Error ? error.message : String(error) },
          'log consumer poll failed',
        );
        await this.idle(this.context.pollIntervalMs * 10);
      }
    }
  }

  private async pollTopic(topic: string): Promise<number> {
    const { sql, names } = this.context;
    const wireTopic = names.wire(topic);
    let next = this.positions.get(wireTopic) ?? (await this.startPosition(wireTopic));
    this.positions.set(wireTopic, next);
    const { rows } = await sql.query<LogRow>(
      `SELECT "offset", key, envelope, headers FROM bus_log WHERE topic = $1 AND "offset" >= $2
       ORDER BY "offset" LIMIT $3`,
      [wireTopic, next, this.rowsPerPoll()],
    );
    const units = deliveryUnits(
      rows,
      {
        offsetOf: (row) => String(row.offset),
        typeOf: (row) =>
          isRecord(row.envelope) && typeof row.envelope.type === 'string' ? row.envelope.type : undefined,
        receive: (row) => ({
          topic,
          partition: 0,
          offset: String(row.offset),
          key: row.key,
          value: JSON.stringify(row.envelope),
          headers: row.headers,
          decoded: isRecord(row.envelope)
            ? { ok: true, candidate: row.envelope }
            : { ok: false, reason: 'envelope is not a JSON object' },
        }),
      },
      this.options,
      {
        maxAttempts: this.options.maxAttempts ?? this.context.maxAttempts,
        backoff: this.context.backoff,
        isClosing: () => this.closing,
        logger: this.context.logger,
      },
    );
    await pipelineInOrder(units, {
      maxInFlight: this.options.maxInFlight ?? 1,
      shouldStop: () => this.closing,
      start: (unit) => unit.run(),
      settle: async (unit, letters) => {
        for (const letter of letters) await this.context.deadLetter(this.options.groupId, letter);
        next = Number(unit.lastOffset) + 1;
        this.positions.set(wireTopic, next);
        await sql.query(
          `INSERT INTO bus_consumer_offsets (group_id, topic, next_offset) VALUES ($1, $2, $3)
           ON CONFLICT (group_id, topic) DO UPDATE SET next_offset = excluded.next_offset, committed_at = now()`,
          [this.group, wireTopic, next],
        );
      },
    });
    return rows.length;
  }

  /** A batch handler gets up to a full batch per poll. */
  private rowsPerPoll(): number {
    const { options } = this;
    if (!options.handleBatch) return this.context.batchSize;
    return Math.max(this.context.batchSize, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
  }

  private async startPosition(wireTopic: string): Promise<number> {
    const { sql } = this.context;
    const committed = await sql.query<{ next_offset: number }>(
      'SELECT next_offset FROM bus_consumer_offsets WHERE group_id = $1 AND topic = $2',
      [this.group, wireTopic],
    );
    const found = committed.rows[0]?.next_offset;
    if (found !== undefined) return Number(found);
    if (this.options.fromBeginning !== false) return 0;
    const end = await sql.query<{ next_offset: number }>(
      'SELECT next_offset FROM bus_topics WHERE topic = $1',
      [wireTopic],
    );
    return Number(end.rows[0]?.next_offset ?? 0);
  }

  private idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
