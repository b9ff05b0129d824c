import type { AdminCaller } from '../auth/admin-caller';

/** What a use case needs from the HTTP request besides its body: who, when, idempotency and tracing. */
export interface RequestContext {
  readonly caller: AdminCaller;
  readonly now: Date;
  readonly idempotencyKey?: string;
  /** The version from If-Match, when the request carried one. */
  readonly expectedVersion?: number;
  readonly traceparent?: string;
  readonly requestId: string;
}
