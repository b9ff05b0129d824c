import type { AdminRole, PrincipalAttributes, PrincipalKind } from '@warden/contracts';

export interface OrganizationResponse {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface KeySummary {
  readonly id: string;
  readonly name?: string;
  readonly prefix: string;
  readonly status: 'active' | 'revoked' | 'expired';
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly graceEndsAt?: string;
  readonly replacedBy?: string;
  readonly rotatedFrom?: string;
  readonly lastUsedAt?: string;
}

export interface PrincipalResponse {
  readonly id: string;
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly status: 'active' | 'suspended' | 'revoked';
  readonly attributes: PrincipalAttributes;
  readonly ownerId?: string;
  readonly roles: readonly AdminRole[];
  readonly version: number;
  readonly keys?: readonly KeySummary[];
}

/** `secret` is present only in the response that created the key — not in a replay, never anywhere else. */
export interface IssuedKeyResponse {
  readonly id: string;
  readonly principalId: string;
  readonly name?: string;
  readonly secret?: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly rotatedFrom?: string;
  readonly previousKey?: { readonly id: string; readonly graceEndsAt: string };
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** What a creating use case returns: the body, and whether it is the replay of an earlier identical request. */
export interface Created<T> {
  readonly body: T;
  readonly replayed: boolean;
}
