import { isKeyExpired, type RegisteredPrincipal } from '../domain/principal/principal.state';
import type { KeyView, PrincipalView } from '../read-model/identity-read-model';
import type { KeySummary, PrincipalResponse } from './responses';

export function principalFromState(p: RegisteredPrincipal, version: number): PrincipalResponse {
  return {
    id: p.principalId,
    organizationId: p.organizationId,
    kind: p.kind,
    name: p.name,
    status: p.status,
    attributes: p.attributes,
    ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
    roles: p.roles,
    version,
  };
}

export function keySummary(k: KeyView, now: Date): KeySummary {
  const expired = isKeyExpired(k, now);
  return { ...k, status: k.status === 'revoked' ? 'revoked' : expired ? 'expired' : 'active' };
}

export function principalFromView(p: PrincipalView, now: Date, withKeys: boolean): PrincipalResponse {
  return {
    id: p.id,
    organizationId: p.organizationId,
    kind: p.kind,
    name: p.name,
    status: p.status,
    attributes: p.attributes,
    ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
    roles: p.roles,
    version: p.version,
    ...(withKeys ? { keys: p.keys.map((k) => keySummary(k, now)) } : {}),
  };
}
