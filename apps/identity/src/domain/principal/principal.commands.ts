import type { AdminRole, PrincipalAttributes, PrincipalKind } from '@warden/contracts';
import type { PrincipalStatus } from './principal.state';

/** What the handler looked up about the intended owner (another aggregate), so `decide` stays pure. */
export interface OwnerFacts {
  readonly principalId: string;
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly status: PrincipalStatus;
}

export type PrincipalCommand =
  | {
      readonly type: 'RegisterPrincipal';
      readonly data: {
        readonly principalId: string;
        readonly organizationId: string;
        readonly kind: PrincipalKind;
        readonly name: string;
        readonly attributes: PrincipalAttributes;
        readonly ownerId?: string;
        /** Undefined when `ownerId` names no principal the handler could find. */
        readonly owner?: OwnerFacts;
        readonly roles: readonly AdminRole[];
        readonly oidc?: { readonly issuer: string; readonly subject: string };
      };
    }
  | { readonly type: 'SuspendPrincipal'; readonly data: { readonly reason?: string } }
  | { readonly type: 'ReactivatePrincipal'; readonly data: Record<string, never> }
  | { readonly type: 'RevokePrincipal'; readonly data: { readonly reason?: string } }
  | {
      readonly type: 'IssueKey';
      readonly data: {
        readonly keyId: string;
        readonly name?: string;
        readonly prefix: string;
        readonly secretHash: string;
        readonly expiresAt?: Date;
        readonly now: Date;
      };
    }
  | {
      readonly type: 'RotateKey';
      readonly data: {
        readonly keyId: string;
        readonly newKeyId: string;
        readonly newPrefix: string;
        readonly newSecretHash: string;
        readonly gracePeriodSeconds: number;
        readonly now: Date;
      };
    }
  | { readonly type: 'RevokeKey'; readonly data: { readonly keyId: string } }
  | { readonly type: 'BindOidc'; readonly data: { readonly issuer: string; readonly subject: string } };

export const MAX_GRACE_PERIOD_SECONDS = 30 * 24 * 3600;
