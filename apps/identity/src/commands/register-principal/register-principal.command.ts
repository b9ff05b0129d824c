import type { AdminRole, PrincipalAttributes, PrincipalKind } from '@warden/contracts';

export interface RegisterPrincipalCommand {
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly attributes: PrincipalAttributes;
  readonly ownerId?: string;
  readonly roles: readonly AdminRole[];
  /** Binds (OIDC_ISSUER, subject) to this human. */
  readonly oidcSubject?: string;
}
