import type { AuthProjection } from '@warden/identity-auth';
import type { AuthenticationResult, Authenticator } from '../pipeline/ports/authenticator.port';

/** API keys checked against the identity-auth projection (SHA-256 lookup, constant-time compare). */
export class IdentityAuthAuthenticator implements Authenticator {
  constructor(
    private readonly projection: AuthProjection,
    /** False when the identity feed is stale beyond its bound: authentication then fails closed. */
    private readonly isFresh: (now: Date) => boolean = () => true,
  ) {}

  authenticate(secret: string | undefined, now: Date): AuthenticationResult {
    if (secret === undefined) return { ok: false, reason: 'missing' };
    if (!this.isFresh(now))
      return { ok: false, reason: 'identity state beyond its staleness bound', stale: true };
    const result = this.projection.authenticate(secret, now);
    if (!result.ok) return { ok: false, reason: result.reason };
    return {
      ok: true,
      caller: {
        principalId: result.principal.principalId,
        organizationId: result.principal.organizationId,
        kind: result.principal.kind,
        keyId: result.keyId,
      },
    };
  }
}
