import type { CloudEvent } from '@warden/contracts';

export interface OutgoingMessage {
  /** Ordering key: the aggregate (stream) id. Messages with one key keep their order. */
  readonly key: string;
  readonly event: CloudEvent;
}

export interface DeliveredMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly event: CloudEvent;
}

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  /** Why it was dead-lettered: the schema error, or the handler's last error message. */
  readonly reason: string;
  readonly attempts: number;
  /** The original message value, unparsed (it may not even be valid JSON). */
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface ConsumerOptionsBase {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Attempts before a failing message goes to the group's dead-letter topic. Default 3. */
  readonly maxAttempts?: number;
  /** Where a group with no committed position starts. Default: earliest. */
  readonly fromBeginning?: boolean;
  /**
   * Prefixes of the event types this consumer handles (e.g. `warden.guardrails.profile.`). A message of
   * another type is passed over — neither decoded, validated nor handed to the handler — and its position
   * committed like a handled one; one whose type cannot be read is handed over (and dead-lettered if invalid).
   * Default: every type.
   */
  readonly types?: readonly string[];
}

/** One message per handler call. */
export interface MessageConsumerOptions extends ConsumerOptionsBase {
  /**
   * The effect. The position is committed only after this resolves, so it must make its effect durable
   * (and dedupe on event id: delivery is at-least-once).
   */
  readonly handle: (message: DeliveredMessage) => Promise<void>;
  readonly handleBatch?: never;
  /**
   * Messages of one partition whose handlers may run at once (default 1: strictly one after the other).
   * Handlers are still called in log order and positions committed only for the unbroken run of finished
   * messages — for handlers that order their effect at call time, e.g. a projector appending to a batch.
   */
  readonly maxInFlight?: number;
}

/**
 * Many messages per handler call, for effects that are cheaper in bulk (an analytics insert). Each call holds
 * valid messages of one partition in log order; the position after the last one is committed only after the
 * call resolved. Invalid messages are dead-lettered and left out. A failing batch is retried `maxAttempts`
 * times, then its messages are handed over one by one (same retries) so only the poison ones are dead-lettered.
 */
export interface BatchConsumerOptions extends ConsumerOptionsBase {
  readonly handleBatch: (messages: readonly DeliveredMessage[]) => Promise<void>;
  readonly handle?: never;
  /** Largest batch handed over at once. Default 5,000. */
  readonly maxBatchSize?: number;
  /**
   * Batches of one partition whose handlers may run at once (default 1). Calls stay in log order and
   * positions are committed in order — for handlers that order their effect at call time.
   */
  readonly maxInFlight?: number;
}

export type ConsumerOptions = MessageConsumerOptions | BatchConsumerOptions;

export interface Consumer {
  close(): Promise<void>;
}

/**
 * The bus port (DESIGN §2): durable, at-least-once, ordered per key, consumer groups with checkpoints that
 * survive restarts. Events are schema-validated before publishing and on receipt; an invalid one received is
 * dead-lettered with the reason.
 */
export interface Bus {
  /** Resolves once every message is durable (Kafka: acks=all). Rejects on an invalid event, sending none. */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  consume(options: ConsumerOptions): Promise<Consumer>;
  /** Reads a group's dead-letter topic (operators, tests). */
  readDeadLetters(groupId: string, options?: { timeoutMs?: number; max?: number }): Promise<DeadLetter[]>;
  /** Creates topics that do not exist yet (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const BUS = Symbol('BUS');
