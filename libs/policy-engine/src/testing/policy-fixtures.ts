import type { Connection, ConnectionSpec, PrincipalFacts, Resource } from '../domain/policy-model';
import type { DecisionInput } from '../engine/decision-types';
import { evolvePolicyState, markCurrent, upsertPrincipal } from '../projection/evolve-policy-state';
import type { PolicyEvent } from '../projection/policy-events';
import { EMPTY_POLICY_STATE, type PolicyState } from '../projection/policy-state';

/** Test-only builders (used by the unit tests and the decision benchmark). */
export const NOW = Date.parse('2026-11-26T12:00:00Z');

export function principal(id: string, overrides: Partial<PrincipalFacts> = {}): PrincipalFacts {
  return { id, orgId: 'org_1', kind: 'agent', status: 'active', attributes: {}, ...overrides };
}

export function resource(id: string, overrides: Partial<Resource> = {}): Resource {
  return {
    id,
    orgId: 'org_1',
    kind: 'mcp_server',
    name: id,
    upstream: { baseUrl: 'https://tools.example.test' },
    attributes: {},
    ...overrides,
  };
}

export function resourceRegistered(r: Resource): PolicyEvent {
  const { id, ...rest } = r;
  return { type: 'warden.policy.resource.registered.v1', data: { resourceId: id, ...rest } };
}

export function connectionCreated(
  id: string,
  principalId: string,
  resourceId: string,
  spec: Partial<ConnectionSpec> = {},
  orgId = 'org_1',
): PolicyEvent {
  return {
    type: 'warden.policy.connection.created.v1',
    data: {
      connectionId: id,
      orgId,
      principalId,
      resourceId,
      version: 1,
      spec: { operations: [{ action: 'mcp.tool', target: '*' }], failMode: 'closed', ...spec },
    },
  };
}

export function policySetPublished(policies: string, version = 1, orgId = 'org_1'): PolicyEvent {
  return { type: 'warden.policy.policy_set.published.v1', data: { orgId, version, policies } };
}

export interface Given {
  readonly principals?: readonly PrincipalFacts[];
  readonly events?: readonly PolicyEvent[];
  readonly asOf?: number;
}

export function givenState({ principals = [], events = [], asOf = NOW }: Given): PolicyState {
  let state = EMPTY_POLICY_STATE;
  for (const p of principals) state = upsertPrincipal(state, p);
  for (const e of events) state = evolvePolicyState(state, e);
  return markCurrent(state, asOf);
}

export function toolCall(
  overrides: Partial<DecisionInput> = {},
  context: Partial<DecisionInput['context']> = {},
): DecisionInput {
  return {
    principalId: 'prn_agent',
    action: 'mcp.tool',
    resourceId: 'res_fs',
    target: 'read_file',
    ...overrides,
    context: { time: NOW, trustScore: 80, ...context },
  };
}

export function connectionOf(state: PolicyState, id: string): Connection {
  const c = state.connections.get(id);
  if (c === undefined) throw new Error(`no connection ${id} in the state`);
  return c;
}
