import type { Connection, OrgPolicySet, PrincipalFacts, Resource } from '../domain/policy-model';

/**
 * The decision projection: everything the engine decides from. Immutable; `evolve` returns a new
 * state. `asOf` (epoch ms) is the instant the projection was last known current with its topics —
 * the engine fails closed when it is older than its bound.
 */
export interface PolicyState {
  readonly principals: ReadonlyMap<string, PrincipalFacts>;
  readonly resources: ReadonlyMap<string, Resource>;
  readonly connections: ReadonlyMap<string, Connection>;
  /** `pairKey(principalId, resourceId)` → connection ids, oldest first. */
  readonly connectionsByPair: ReadonlyMap<string, readonly string[]>;
  readonly orgPolicySets: ReadonlyMap<string, OrgPolicySet>;
  readonly asOf?: number;
}

export const EMPTY_POLICY_STATE: PolicyState = {
  principals: new Map(),
  resources: new Map(),
  connections: new Map(),
  connectionsByPair: new Map(),
  orgPolicySets: new Map(),
};

export function pairKey(principalId: string, resourceId: string): string {
  return `${principalId}\u0000${resourceId}`;
}
