import type { AuthProjection } from '../auth-projection';

/**
 * Where a process's authentication projection comes from: the identity service feeds it from its own event
 * store (read-your-writes), every other process from the identity topic.
 */
export interface AuthSource {
  readonly auth: AuthProjection;
  /** Resolves once every identity event this source can see now has been applied. */
  catchUp(): Promise<void>;
}

export const AUTH_SOURCE = Symbol('AUTH_SOURCE');
