import type { Logger } from 'pino';
import type { BackoffPolicy } from '../consumer/backoff';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Prepended to every topic and group id on the wire (test isolation). Messages show the logical names. */
  readonly topicPrefix?: string;
  /** Partitions of topics created by ensureTopics. Default 3. */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly logger?: Logger;
  /** Consumer default for ConsumerOptions.maxAttempts. Default 3. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  /** Consumer group session timeout: how long a dead member holds its partitions. Default 10 s. */
  readonly sessionTimeoutMs?: number;
  /** Producer retries of one send on retriable errors (broker restart, leader change). Default 12 (about a minute). */
  readonly producerRetries?: number;
}
