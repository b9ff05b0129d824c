import type { Connection, PrincipalFacts, PrincipalStatus } from '../domain/policy-model';
import type { PolicyEvent } from './policy-events';
import { pairKey, type PolicyState } from './policy-state';

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function putConnection(state: PolicyState, connection: Connection): PolicyState {
  const key = pairKey(connection.principalId, connection.resourceId);
  const ids = state.connectionsByPair.get(key) ?? [];
  return {
    ...state,
    connections: withEntry(state.connections, connection.id, connection),
    connectionsByPair: ids.includes(connection.id)
      ? state.connectionsByPair
      : withEntry(state.connectionsByPair, key, [...ids, connection.id]),
  };
}

/**
 * Applies one policy event. Pure; an event for a connection the state does not know, or with a
 * version not newer than the one held (a redelivery), leaves the state unchanged.
 */
export function evolvePolicyState(state: PolicyState, event: PolicyEvent): PolicyState {
  switch (event.type) {
    case 'warden.policy.resource.registered.v1':
    case 'warden.policy.resource.updated.v1': {
      const { resourceId, ...rest } = event.data;
      return { ...state, resources: withEntry(state.resources, resourceId, { id: resourceId, ...rest }) };
    }
    case 'warden.policy.connection.created.v1': {
      const d = event.data;
      if (state.connections.has(d.connectionId)) return state;
      return putConnection(state, {
        ...d.spec,
        id: d.connectionId,
        orgId: d.orgId,
        principalId: d.principalId,
        resourceId: d.resourceId,
        version: d.version,
        status: 'active',
      });
    }
    case 'warden.policy.connection.updated.v1': {
      const current = state.connections.get(event.data.connectionId);
      if (current === undefined || event.data.version <= current.version) return state;
      const { operations, failMode, rateLimit, budget, approval, guardrailProfileId, minTrust, expiresAt } =
        event.data.spec;
      const next: Connection = {
        id: current.id,
        orgId: current.orgId,
        principalId: current.principalId,
        resourceId: current.resourceId,
        status: current.status,
        version: event.data.version,
        operations,
        failMode,
        ...(rateLimit !== undefined && { rateLimit }),
        ...(budget !== undefined && { budget }),
        ...(approval !== undefined && { approval }),
        ...(guardrailProfileId !== undefined && { guardrailProfileId }),
        ...(minTrust !== undefined && { minTrust }),
        ...(expiresAt !== undefined && { expiresAt }),
      };
      return putConnection(state, next);
    }
    case 'warden.policy.connection.revoked.v1': {
      const current = state.connections.get(event.data.connectionId);
      if (current === undefined || event.data.version <= current.version) return state;
      return putConnection(state, { ...current, status: 'revoked', version: event.data.version });
    }
    case 'warden.policy.policy_set.published.v1': {
      const held = state.orgPolicySets.get(event.data.orgId);
      if (held !== undefined && event.data.version <= held.version) return state;
      return { ...state, orgPolicySets: withEntry(state.orgPolicySets, event.data.orgId, { ...event.data }) };
    }
  }
}

/** Principal facts come from the identity context's events; the consumer maps them onto these. */
export function upsertPrincipal(state: PolicyState, principal: PrincipalFacts): PolicyState {
  return { ...state, principals: withEntry(state.principals, principal.id, principal) };
}

export function setPrincipalStatus(
  state: PolicyState,
  principalId: string,
  status: PrincipalStatus,
): PolicyState {
  const current = state.principals.get(principalId);
  if (current === undefined || current.status === status) return state;
  // A revoked principal stays revoked: revocation is final.
  if (current.status === 'revoked') return state;
  return upsertPrincipal(state, { ...current, status });
}

/** Records that the projection is current with its topics as of `at` (epoch ms). */
export function markCurrent(state: PolicyState, at: number): PolicyState {
  return state.asOf !== undefined && state.asOf >= at ? state : { ...state, asOf: at };
}
