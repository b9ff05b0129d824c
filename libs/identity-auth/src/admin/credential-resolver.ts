import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError, type WardenConfig } from '@warden/platform';
import { OidcVerifier } from '../oidc-verifier';
import type { AuthSource } from './auth-source';
import type { Caller, PrincipalCaller } from './caller';

function sameSecret(a: string, b: string): boolean {
  // Hash both first so the comparison is constant-time whatever the lengths.
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** Bearer credential → caller: the bootstrap token, an API key (local projection) or an OIDC JWT. */
export class CredentialResolver {
  private readonly oidc?: OidcVerifier;

  constructor(
    private readonly config: Pick<WardenConfig, 'bootstrapToken' | 'oidc'>,
    private readonly source: AuthSource,
  ) {
    if (config.oidc) this.oidc = new OidcVerifier(config.oidc);
  }

  async resolve(authorization: string | undefined, now: Date): Promise<Caller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (!token)
      throw new UnauthenticatedError('An Authorization: Bearer credential is required.', 'unauthenticated');

    if (this.config.bootstrapToken !== undefined && sameSecret(token, this.config.bootstrapToken)) {
      return { kind: 'bootstrap', via: 'bootstrap' };
    }
    if (token.startsWith('wk_')) return this.apiKeyCaller(token, now);
    if (this.oidc && token.split('.').length === 3) return this.oidcCaller(this.oidc, token);
    throw new UnauthenticatedError('The credential is not recognised.', 'unauthenticated');
  }

  private async apiKeyCaller(token: string, now: Date): Promise<PrincipalCaller> {
    await this.source.catchUp();
    const result = this.source.auth.authenticate(token, now);
    if (!result.ok)
      throw new UnauthenticatedError(`The API key was refused: ${result.reason}.`, `key_${result.reason}`);
    const p = result.principal;
    return {
      kind: 'principal',
      via: 'api_key',
      principalId: p.principalId,
      organizationId: p.organizationId,
      principalKind: p.kind,
      name: p.name,
      roles: p.roles,
      keyId: result.keyId,
    };
  }

  private async oidcCaller(oidc: OidcVerifier, token: string): Promise<PrincipalCaller> {
    const verified = await oidc.verify(token);
    if (!verified.ok) {
      throw new UnauthenticatedError(`The token was refused: ${verified.reason}.`, `oidc_${verified.reason}`);
    }
    await this.source.catchUp();
    const { auth } = this.source;
    const principalId = auth.principalIdForOidc(verified.issuer, verified.subject);
    const principal = principalId !== undefined ? auth.principal(principalId) : undefined;
    if (!principal || principal.kind !== 'human') {
      throw new UnauthenticatedError('No human principal is bound to this OIDC identity.', 'oidc_unbound');
    }
    if (principal.status !== 'active') {
      throw new UnauthenticatedError(
        `The principal is ${principal.status}.`,
        `oidc_principal_${principal.status}`,
      );
    }
    return {
      kind: 'principal',
      via: 'oidc',
      principalId: principal.principalId,
      organizationId: principal.organizationId,
      principalKind: principal.kind,
      name: principal.name,
      roles: principal.roles,
    };
  }
}
