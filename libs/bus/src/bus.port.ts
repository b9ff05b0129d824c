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

export interface ConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * The effect. The position is committed only after this resolves, so it must make its effect durable
   * (and dedupe on event id: delivery is at-least-once).
   */
  readonly handle: (message: DeliveredMessage) => Promise<void>;
  /** Attempts before a failing message goes to the group's dead-letter topic. Default 3. */
  readonly maxAttempts?: number;
  /**
   * Messages of one partition whose handlers may run at once (default 1: strictly one after the other).
   * Handlers are still called in log order and positions committed only for the unbroken run of finished
   * messages — for handlers that order their effect at call time, e.g. a projector appending to a batch.
   */
  readonly maxInFlight?: number;
  /** Where a group with no committed position starts. Default: earliest. */
  readonly fromBeginning?: boolean;
}

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
