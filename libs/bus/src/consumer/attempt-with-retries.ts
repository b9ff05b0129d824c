import type { Logger } from 'pino';
import { ConsumerClosingError } from '../bus-errors';
import { backoffDelay, type BackoffPolicy } from './backoff';

export interface RetryOptions {
  readonly maxAttempts: number;
  readonly backoff?: BackoffPolicy;
  readonly isClosing: () => boolean;
  readonly logger: Logger;
  /** Tells the group this member is alive during long retries (Kafka: the session would time out). */
  readonly heartbeat?: () => Promise<void>;
}

export type Attempted = { ok: true; attempts: number } | { ok: false; error: string; attempts: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a handler up to `maxAttempts` times with backoff between attempts. A consumer closing meanwhile stops
 * the retries with ConsumerClosingError: nothing is committed and the message comes again.
 */
export async function attemptWithRetries(
  run: () => Promise<void>,
  options: RetryOptions,
  logContext: Readonly<Record<string, unknown>>,
): Promise<Attempted> {
  let lastError = '';
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    try {
      await run();
      return { ok: true, attempts: attempt };
    } catch (error) {
      lastError = errorMessage(error);
      options.logger.warn({ ...logContext, attempt, err: lastError }, 'handler failed');
      if (attempt < options.maxAttempts) await sleep(backoffDelay(attempt, options.backoff));
      if (options.isClosing()) throw new ConsumerClosingError();
      await options.heartbeat?.();
    }
  }
  return { ok: false, error: lastError, attempts: options.maxAttempts };
}
