import type { PrincipalCaller } from '@warden/identity-auth';
import type { CommandHeaders } from '@warden/platform';

/** What a use case needs from the HTTP request besides its body: who, when, idempotency, If-Match and tracing. */
export interface RequestContext extends CommandHeaders {
  readonly caller: PrincipalCaller;
}
