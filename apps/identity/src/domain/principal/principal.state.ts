import type { AdminRole, PrincipalAttributes, PrincipalKind } from '@warden/contracts';
import type { IdentityEvent } from '../identity-event';

export type PrincipalStatus = 'active' | 'suspended' | 'revoked';

export interface KeyState {
  readonly keyId: string;
  readonly name?: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly issuedAt: string;
  readonly expiresAt?: string;
  readonly status: 'active' | 'revoked';
  readonly rotatedFrom?: string;
  /** Set once the key was rotated: it works until then. */
  readonly graceEndsAt?: string;
  readonly replacedBy?: string;
}

export interface RegisteredPrincipal {
  readonly registered: true;
  readonly principalId: string;
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly attributes: PrincipalAttributes;
  readonly ownerId?: string;
  readonly roles: readonly AdminRole[];
  readonly status: PrincipalStatus;
  readonly keys: Readonly<Record<string, KeyState>>;
  readonly oidc: readonly { readonly issuer: string; readonly subject: string }[];
}

export type PrincipalState = { readonly registered: false } | RegisteredPrincipal;

export const initialPrincipal: PrincipalState = { registered: false };

export type PrincipalEvent = IdentityEvent<
  | 'warden.identity.principal.registered.v1'
  | 'warden.identity.principal.suspended.v1'
  | 'warden.identity.principal.reactivated.v1'
  | 'warden.identity.principal.revoked.v1'
  | 'warden.identity.key.issued.v1'
  | 'warden.identity.key.rotated.v1'
  | 'warden.identity.key.revoked.v1'
  | 'warden.identity.oidc.bound.v1'
>;

function withKey(
  state: RegisteredPrincipal,
  keyId: string,
  change: (key: KeyState) => KeyState,
): RegisteredPrincipal {
  const key = state.keys[keyId];
  return key ? { ...state, keys: { ...state.keys, [keyId]: change(key) } } : state;
}

export function evolvePrincipal(state: PrincipalState, e: PrincipalEvent): PrincipalState {
  if (e.type === 'warden.identity.principal.registered.v1') {
    const { principalId, organizationId, kind, name, attributes, ownerId, roles } = e.data;
    return {
      registered: true,
      principalId,
      organizationId,
      kind,
      name,
      attributes,
      ...(ownerId !== undefined ? { ownerId } : {}),
      roles,
      status: 'active',
      keys: {},
      oidc: [],
    };
  }
  if (!state.registered) return state;
  switch (e.type) {
    case 'warden.identity.principal.suspended.v1':
      return { ...state, status: 'suspended' };
    case 'warden.identity.principal.reactivated.v1':
      return { ...state, status: 'active' };
    case 'warden.identity.principal.revoked.v1':
      return { ...state, status: 'revoked' };
    case 'warden.identity.key.issued.v1': {
      const { keyId, name, prefix, secretHash, issuedAt, expiresAt, rotatedFrom } = e.data;
      const key: KeyState = {
        keyId,
        prefix,
        secretHash,
        issuedAt,
        status: 'active',
        ...(name !== undefined ? { name } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        ...(rotatedFrom !== undefined ? { rotatedFrom } : {}),
      };
      return { ...state, keys: { ...state.keys, [keyId]: key } };
    }
    case 'warden.identity.key.rotated.v1':
      return withKey(state, e.data.keyId, (k) => ({
        ...k,
        graceEndsAt: e.data.graceEndsAt,
        replacedBy: e.data.replacedBy,
      }));
    case 'warden.identity.key.revoked.v1':
      return withKey(state, e.data.keyId, (k) => ({ ...k, status: 'revoked' }));
    case 'warden.identity.oidc.bound.v1':
      return { ...state, oidc: [...state.oidc, { issuer: e.data.issuer, subject: e.data.subject }] };
  }
}

/** When a key stops working on its own: the earlier of its expiry and the end of its rotation grace. */
export function keyEndsAt(key: Pick<KeyState, 'expiresAt' | 'graceEndsAt'>): number | undefined {
  const ends = [key.expiresAt, key.graceEndsAt]
    .filter((t): t is string => t !== undefined)
    .map((t) => Date.parse(t));
  return ends.length ? Math.min(...ends) : undefined;
}

export function isKeyExpired(key: Pick<KeyState, 'expiresAt' | 'graceEndsAt'>, now: Date): boolean {
  const end = keyEndsAt(key);
  return end !== undefined && now.getTime() >= end;
}
