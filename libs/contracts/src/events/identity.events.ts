/** Identity context: `warden.identity.*` on topic `warden.identity.v1`. */
export interface OrganizationCreatedV1 {
  readonly organizationId: string;
  readonly name: string;
}

export interface OrganizationRenamedV1 {
  readonly organizationId: string;
  readonly name: string;
}

export type PrincipalKind = 'human' | 'application' | 'agent' | 'mcp_server';
export const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['human', 'application', 'agent', 'mcp_server'];

/** Admin roles per organization; only humans and applications may hold them. */
export type AdminRole = 'owner' | 'admin' | 'auditor';
export const ADMIN_ROLES: readonly AdminRole[] = ['owner', 'admin', 'auditor'];

export interface PrincipalAttributes {
  readonly team?: string;
  readonly environment?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface PrincipalRegisteredV1 {
  readonly principalId: string;
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly attributes: PrincipalAttributes;
  /** A human principal of the same organization. */
  readonly ownerId?: string;
  readonly roles: readonly AdminRole[];
}

export interface PrincipalSuspendedV1 {
  readonly principalId: string;
  readonly organizationId: string;
  readonly reason?: string;
}

export interface PrincipalReactivatedV1 {
  readonly principalId: string;
  readonly organizationId: string;
}

/** Final: a revoked principal never authenticates again. */
export interface PrincipalRevokedV1 {
  readonly principalId: string;
  readonly organizationId: string;
  readonly reason?: string;
}

/** Carries the key's SHA-256 hash and display prefix, never its secret. */
export interface KeyIssuedV1 {
  readonly keyId: string;
  readonly principalId: string;
  readonly organizationId: string;
  readonly name?: string;
  /** The first characters of the secret (`wk_` + 8), for humans to recognise a key. */
  readonly prefix: string;
  /** Lower-case hex SHA-256 of the whole secret. */
  readonly secretHash: string;
  readonly issuedAt: string;
  readonly expiresAt?: string;
  /** Set when the key replaces another one through rotation. */
  readonly rotatedFrom?: string;
}

/** The old key keeps working until `graceEndsAt`, then stops; `replacedBy` is the new key. */
export interface KeyRotatedV1 {
  readonly keyId: string;
  readonly principalId: string;
  readonly organizationId: string;
  readonly replacedBy: string;
  readonly graceEndsAt: string;
}

export interface KeyRevokedV1 {
  readonly keyId: string;
  readonly principalId: string;
  readonly organizationId: string;
}

export interface KeyUsage {
  readonly keyId: string;
  readonly principalId: string;
  readonly lastUsedAt: string;
  /** Successful authentications since the previous report from the same process. */
  readonly count: number;
}

/** Batched last-used report from an authenticating process (no write per request). */
export interface KeyUsedV1 {
  readonly organizationId: string;
  readonly usages: readonly KeyUsage[];
}

/** An OIDC identity (issuer, subject) now signs in as this human principal. */
export interface OidcBoundV1 {
  readonly principalId: string;
  readonly organizationId: string;
  readonly issuer: string;
  readonly subject: string;
}

export interface IdentityEventData {
  'warden.identity.organization.created.v1': OrganizationCreatedV1;
  'warden.identity.organization.renamed.v1': OrganizationRenamedV1;
  'warden.identity.principal.registered.v1': PrincipalRegisteredV1;
  'warden.identity.principal.suspended.v1': PrincipalSuspendedV1;
  'warden.identity.principal.reactivated.v1': PrincipalReactivatedV1;
  'warden.identity.principal.revoked.v1': PrincipalRevokedV1;
  'warden.identity.key.issued.v1': KeyIssuedV1;
  'warden.identity.key.rotated.v1': KeyRotatedV1;
  'warden.identity.key.revoked.v1': KeyRevokedV1;
  'warden.identity.key.used.v1': KeyUsedV1;
  'warden.identity.oidc.bound.v1': OidcBoundV1;
}
