import { event } from '../identity-event';
import { conflict, invalid, notFound } from '../identity-rejection';
import { MAX_GRACE_PERIOD_SECONDS, type PrincipalCommand } from './principal.commands';
import {
  isKeyExpired,
  type KeyState,
  type PrincipalEvent,
  type PrincipalState,
  type RegisteredPrincipal,
} from './principal.state';

const KINDS_WITH_ROLES = new Set(['human', 'application']);

function registered(state: PrincipalState): RegisteredPrincipal {
  if (!state.registered) throw notFound('principal_not_found', 'Principal not found');
  return state;
}

function notRevoked(state: PrincipalState): RegisteredPrincipal {
  const principal = registered(state);
  if (principal.status === 'revoked') {
    throw conflict('principal_revoked', `Principal ${principal.principalId} is revoked; revocation is final`);
  }
  return principal;
}

function active(state: PrincipalState): RegisteredPrincipal {
  const principal = notRevoked(state);
  if (principal.status !== 'active') {
    throw conflict('principal_not_active', `Principal ${principal.principalId} is ${principal.status}`);
  }
  return principal;
}

function keyOf(principal: RegisteredPrincipal, keyId: string): KeyState {
  const key = principal.keys[keyId];
  if (!key) throw notFound('key_not_found', `Key ${keyId} not found`);
  return key;
}

function ids(principal: RegisteredPrincipal): { principalId: string; organizationId: string } {
  return { principalId: principal.principalId, organizationId: principal.organizationId };
}

/** Pure decision: the events a command produces from the principal's state, or an IdentityRejection. */
export function decidePrincipal(command: PrincipalCommand, state: PrincipalState): PrincipalEvent[] {
  switch (command.type) {
    case 'RegisterPrincipal': {
      if (state.registered)
        throw conflict('principal_exists', `Principal ${state.principalId} already exists`);
      const { owner, oidc, ...data } = command.data;
      if (data.roles.length > 0 && !KINDS_WITH_ROLES.has(data.kind)) {
        throw invalid('roles_not_allowed', `A principal of kind ${data.kind} cannot hold admin roles`);
      }
      if (data.ownerId !== undefined) {
        if (!owner || owner.organizationId !== data.organizationId) {
          throw invalid('owner_not_found', `Owner ${data.ownerId} not found in this organization`);
        }
        if (owner.kind !== 'human')
          throw invalid('owner_not_human', 'The owner of a principal must be a human');
        if (owner.status === 'revoked') throw invalid('owner_revoked', `Owner ${data.ownerId} is revoked`);
      }
      if (oidc && data.kind !== 'human')
        throw invalid('oidc_only_for_humans', 'Only humans sign in with OIDC');
      const events: PrincipalEvent[] = [
        event('warden.identity.principal.registered.v1', {
          principalId: data.principalId,
          organizationId: data.organizationId,
          kind: data.kind,
          name: data.name,
          attributes: data.attributes,
          ...(data.ownerId !== undefined ? { ownerId: data.ownerId } : {}),
          roles: [...new Set(data.roles)],
        }),
      ];
      if (oidc) {
        events.push(
          event('warden.identity.oidc.bound.v1', {
            principalId: data.principalId,
            organizationId: data.organizationId,
            issuer: oidc.issuer,
            subject: oidc.subject,
          }),
        );
      }
      return events;
    }

    case 'SuspendPrincipal': {
      const principal = notRevoked(state);
      if (principal.status === 'suspended')
        throw conflict('principal_suspended', 'Principal is already suspended');
      const reason = command.data.reason;
      return [
        event('warden.identity.principal.suspended.v1', {
          ...ids(principal),
          ...(reason !== undefined ? { reason } : {}),
        }),
      ];
    }

    case 'ReactivatePrincipal': {
      const principal = notRevoked(state);
      if (principal.status !== 'suspended')
        throw conflict('principal_not_suspended', 'Principal is not suspended');
      return [event('warden.identity.principal.reactivated.v1', ids(principal))];
    }

    case 'RevokePrincipal': {
      const principal = notRevoked(state);
      const reason = command.data.reason;
      // Each live key is revoked explicitly too, so key-level consumers (reports) need no principal logic.
      const liveKeys = Object.values(principal.keys).filter((k) => k.status === 'active');
      return [
        event('warden.identity.principal.revoked.v1', {
          ...ids(principal),
          ...(reason !== undefined ? { reason } : {}),
        }),
        ...liveKeys.map((k) =>
          event('warden.identity.key.revoked.v1', { keyId: k.keyId, ...ids(principal) }),
        ),
      ];
    }

    case 'IssueKey': {
      const principal = active(state);
      const { keyId, name, prefix, secretHash, expiresAt, now } = command.data;
      if (principal.keys[keyId]) throw conflict('key_exists', `Key ${keyId} already exists`);
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        throw invalid('expiry_in_past', 'expiresAt must be in the future');
      }
      return [
        event('warden.identity.key.issued.v1', {
          keyId,
          ...ids(principal),
          ...(name !== undefined ? { name } : {}),
          prefix,
          secretHash,
          issuedAt: now.toISOString(),
          ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        }),
      ];
    }

    case 'RotateKey': {
      const principal = active(state);
      const { keyId, newKeyId, newPrefix, newSecretHash, gracePeriodSeconds, now } = command.data;
      const key = keyOf(principal, keyId);
      if (key.status === 'revoked') throw conflict('key_revoked', `Key ${keyId} is revoked`);
      if (key.replacedBy !== undefined)
        throw conflict('key_already_rotated', `Key ${keyId} was already rotated`);
      if (isKeyExpired(key, now)) throw conflict('key_expired', `Key ${keyId} has expired`);
      if (
        !Number.isInteger(gracePeriodSeconds) ||
        gracePeriodSeconds < 0 ||
        gracePeriodSeconds > MAX_GRACE_PERIOD_SECONDS
      ) {
        throw invalid(
          'invalid_grace_period',
          `gracePeriodSeconds must be an integer in 0..${MAX_GRACE_PERIOD_SECONDS}`,
        );
      }
      if (principal.keys[newKeyId]) throw conflict('key_exists', `Key ${newKeyId} already exists`);
      // The new key keeps the old key's lifetime, counted from now.
      const lifetimeMs = key.expiresAt ? Date.parse(key.expiresAt) - Date.parse(key.issuedAt) : undefined;
      const graceEndsAt = new Date(now.getTime() + gracePeriodSeconds * 1000).toISOString();
      return [
        event('warden.identity.key.issued.v1', {
          keyId: newKeyId,
          ...ids(principal),
          ...(key.name !== undefined ? { name: key.name } : {}),
          prefix: newPrefix,
          secretHash: newSecretHash,
          issuedAt: now.toISOString(),
          ...(lifetimeMs !== undefined
            ? { expiresAt: new Date(now.getTime() + lifetimeMs).toISOString() }
            : {}),
          rotatedFrom: keyId,
        }),
        event('warden.identity.key.rotated.v1', {
          keyId,
          ...ids(principal),
          replacedBy: newKeyId,
          graceEndsAt,
        }),
      ];
    }

    case 'RevokeKey': {
      const principal = registered(state);
      const key = keyOf(principal, command.data.keyId);
      if (key.status === 'revoked') throw conflict('key_revoked', `Key ${key.keyId} is already revoked`);
      return [event('warden.identity.key.revoked.v1', { keyId: key.keyId, ...ids(principal) })];
    }

    case 'BindOidc': {
      const principal = notRevoked(state);
      if (principal.kind !== 'human') throw invalid('oidc_only_for_humans', 'Only humans sign in with OIDC');
      const { issuer, subject } = command.data;
      if (principal.oidc.some((b) => b.issuer === issuer && b.subject === subject)) {
        throw conflict('oidc_already_bound', 'This OIDC identity is already bound to the principal');
      }
      return [event('warden.identity.oidc.bound.v1', { ...ids(principal), issuer, subject })];
    }
  }
}
