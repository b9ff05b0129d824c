import { type CedarContext, type EntityJson, type PolicyJson, policyToJson } from '../cedar/cedar-runtime';
import { compileConnection, type CompiledPermit } from '../cedar/compile-connection';
import { contextValue, type ContextPath, type EqualityGuard } from '../cedar/context-reads';
import { entityGuardFails, type EntityGuard } from '../cedar/entity-guard';
import { scopeMayApply, type RequestScope } from '../cedar/policy-scope';
import { actionUid } from '../cedar/warden-schema';
import type { Connection, OperationAction, PrincipalFacts, Resource } from '../domain/policy-model';
import { PolicyEngineError } from '../errors';
import { organizationUid, principalUid, resourceUid } from './cedar-request';

export interface CompiledOrgPolicy {
  readonly id: string;
  readonly text: string;
  readonly json: PolicyJson;
  readonly guard: EqualityGuard | undefined;
  readonly entityGuard: EntityGuard | undefined;
}

export type Literal = string | number | boolean;

export interface GuardedGroup {
  readonly path: ContextPath;
  /** Keyed by the literal itself: a Map tells `"1"` from `1`, as Cedar does. */
  readonly byLiteral: ReadonlyMap<
    Literal,
    { readonly index: number; readonly policies: CompiledOrgPolicy[] }
  >;
  readonly all: readonly CompiledOrgPolicy[];
}

/** The forbids that can apply to one connection's request shape, split by their equality guard. */
export interface CandidateSet {
  /** With their JSON, parsed once per shape rather than once per prepared set. */
  readonly permits: readonly (CompiledPermit & { readonly json: PolicyJson })[];
  readonly unguarded: readonly CompiledOrgPolicy[];
  readonly guarded: readonly GuardedGroup[];
}

export const NO_GUARD_MATCH = -1;
export const ANY_GUARD_MATCH = -2;

/** Which literal of the group the request's value equals: its index, NO_GUARD_MATCH, or ANY_GUARD_MATCH (not a literal). */
export function guardChoice(group: GuardedGroup, context: CedarContext): number {
  const value = contextValue(context, group.path);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    return ANY_GUARD_MATCH;
  return group.byLiteral.get(value)?.index ?? NO_GUARD_MATCH;
}

/**
 * The permits of the passing operations, and the organization forbids that can apply to the request
 * shape: scope may match (`scopeMayApply`), and the first test on the request's own entity, if any, holds
 * (`entityGuardFails`). The forbids guarded by `context.<path> == <literal>` are grouped by path and literal.
 */
export function candidateSet(
  connection: Connection,
  principal: PrincipalFacts,
  resource: Resource,
  action: OperationAction,
  operations: readonly number[],
  orgPolicies: readonly CompiledOrgPolicy[],
  entities: { readonly principal: EntityJson; readonly resource: EntityJson },
): CandidateSet {
  const scope: RequestScope = {
    principal: principalUid(principal),
    principalAncestors: [organizationUid(principal.orgId)],
    action: actionUid(action),
    resource: resourceUid(resource.id),
    resourceAncestors: [organizationUid(resource.orgId)],
  };
  const permits = compileConnection(connection, principal.kind)
    .filter((p) => operations.includes(p.operationIndex))
    .map((p) => ({ ...p, json: permitJson(p.text) }));
  const unguarded: CompiledOrgPolicy[] = [];
  const byPath = new Map<
    string,
    {
      path: ContextPath;
      byLiteral: Map<Literal, { index: number; policies: CompiledOrgPolicy[] }>;
      all: CompiledOrgPolicy[];
    }
  >();
  for (const policy of orgPolicies) {
    if (!scopeMayApply(policy.json, scope)) continue;
    const onEntity = policy.entityGuard;
    if (onEntity !== undefined && entityGuardFails(onEntity, entities[onEntity.entity])) continue;
    if (policy.guard === undefined) {
      unguarded.push(policy);
      continue;
    }
    const pathKey = policy.guard.path.join('.');
    let group = byPath.get(pathKey);
    if (group === undefined) {
      group = { path: policy.guard.path, byLiteral: new Map(), all: [] };
      byPath.set(pathKey, group);
    }
    const literal = policy.guard.literal;
    let entry = group.byLiteral.get(literal);
    if (entry === undefined) {
      entry = { index: group.byLiteral.size, policies: [] };
      group.byLiteral.set(literal, entry);
    }
    entry.policies.push(policy);
    group.all.push(policy);
  }
  return { permits, unguarded, guarded: [...byPath.values()] };
}

function permitJson(text: string): PolicyJson {
  const json = policyToJson(text);
  if (json.type === 'failure')
    throw new PolicyEngineError('cedar_failure', 500, json.errors.map((e) => e.message).join('; '));
  return json.json;
}
