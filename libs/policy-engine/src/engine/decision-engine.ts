import { preparsePolicySet, statefulIsAuthorized, type CedarContext } from '../cedar/cedar-runtime';
import { orgPolicyId, validateOrgPolicySet } from '../cedar/org-policy-set';
import { contextReads, contextValue, equalityGuard, readKey, type ContextRead } from '../cedar/context-reads';
import { entityGuard } from '../cedar/entity-guard';
import { entityReads, type EntityReads } from '../cedar/entity-reads';
import { actionUid } from '../cedar/warden-schema';
import { globToRegExp } from '../domain/glob';
import {
  OPERATION_ACTIONS,
  PRINCIPAL_KINDS,
  type Connection,
  type OperationAction,
  type PrincipalFacts,
  type PrincipalKind,
  type Resource,
} from '../domain/policy-model';
import { PolicyEngineError } from '../errors';
import { pairKey, type PolicyState } from '../projection/policy-state';
import { checkArguments } from './argument-constraints';
import { cedarContext, principalUid, resourceUid } from './cedar-request';
import { EntityJsonCache } from './entity-json-cache';
import {
  ANY_GUARD_MATCH,
  NO_GUARD_MATCH,
  candidateSet,
  guardChoice,
  type CandidateSet,
  type CompiledOrgPolicy,
  type Literal,
} from './candidate-set';
import type { Decision, DecisionInput, DecisionReason, Obligations } from './decision-types';

export interface DecisionEngineOptions {
  /** Older state than this (by `state.asOf` against the request time) fails closed: `stale_state`. */
  readonly maxStalenessMs: number;
  /** Memoized Cedar answers kept per prepared policy set; 0 turns memoization off. */
  readonly memoEntriesPerSet?: number;
  /** Prepared (pre-parsed) Cedar policy sets kept in Cedar's cache, least recently used evicted. */
  readonly maxPreparedSets?: number;
}

interface CompiledOrg {
  readonly version: number;
  /** `<orgId>/policies@v<n>` */
  readonly label: string;
  readonly policies: readonly CompiledOrgPolicy[];
  readonly errors?: readonly string[];
}

/** One request shape of one connection version: the principal kind, the action, the passing operations. */
interface Shape {
  readonly org: CompiledOrg;
  /** The state objects the forbids' entity guards were checked on: another version makes a new shape. */
  readonly principal: PrincipalFacts;
  readonly resource: Resource;
  readonly candidate: CandidateSet;
  /** Keyed by which literal each guarded group's context value equals. */
  readonly sets: Map<string | number, PreparedSet>;
}

interface CompiledConnection {
  readonly expiresAtMs: number | undefined;
  readonly targets: readonly RegExp[];
  readonly approvals: readonly { readonly action: OperationAction; readonly target: RegExp }[];
  readonly obligations: Obligations;
  readonly shapes: Map<string | number, Shape>;
}

interface Verdict {
  /** The allow built from this verdict, reused while nothing else about the decision differs. */
  allowDecision?: Decision;
  readonly allow: boolean;
  readonly determining: readonly string[];
  readonly errors: readonly string[];
}

interface PreparedSet {
  readonly cedarId: string;
  readonly permitIds: ReadonlySet<string>;
  readonly reads: readonly ContextRead[];
  /** The top-level context attributes the set reads; undefined when it reads the whole context. */
  readonly contextKeys: readonly string[] | undefined;
  readonly entities: EntityReads;
  readonly needsEntities: boolean;
  readonly policyCount: number;
  readonly memo: Map<string, Verdict>;
}

interface HeldSet {
  readonly set: PreparedSet;
  readonly owner: Map<string | number, PreparedSet>;
  readonly key: string | number;
}

/** Counters for metrics and benchmarks. */
export interface DecisionEngineStats {
  readonly decisions: number;
  readonly cedarCalls: number;
  readonly memoHits: number;
  /** Policy sets pre-parsed so far (each a first-seen request shape). */
  readonly preparations: number;
  readonly preparedSets: number;
  /** Policies per prepared set, averaged over the sets held now. */
  readonly meanPoliciesPerSet: number;
}

/** Up to this many operations, a request shape is keyed by a number (a bit per passing operation). */
const NUMERIC_SHAPE_OPERATIONS = 40;

let engineInstances = 0;

/**
 * Decides `allow | deny | approval_required` for one request against a projection snapshot.
 *
 * Deny by default. The engine first settles what needs no policy evaluation — unknown or inactive
 * principal, unknown resource, no live connection, no operation matching action and target, trust
 * below the bound, argument constraints — and only then asks Cedar, with a pre-parsed policy set
 * holding just the permits of the matching operations and the organization's forbids whose scope can
 * apply. Cedar decides every allow and every forbid. Cedar's answer is memoized on exactly what the
 * evaluated policies can read (entity versions and referenced context paths), so repeating a request
 * shape costs no Cedar call and changes no answer.
 */
export class DecisionEngine {
  private readonly instance = ++engineInstances;
  private preparedCount = 0;
  private readonly orgs = new Map<string, CompiledOrg>();
  private connections = new WeakMap<Connection, CompiledConnection>();
  /** Every prepared set this engine put in Cedar's cache, oldest first (eviction order). */
  private readonly prepared = new Map<string, HeldSet>();
  /** Entity JSON per principal or resource state object (immutable: a change is a new object), per read shape. */
  private readonly entityJson = new EntityJsonCache();
  private decisions = 0;
  private cedarCalls = 0;
  private memoHits = 0;
  private readonly memoLimit: number;
  private readonly preparedLimit: number;

  constructor(private readonly options: DecisionEngineOptions) {
    this.memoLimit = options.memoEntriesPerSet ?? 4096;
    this.preparedLimit = options.maxPreparedSets ?? 4096;
  }

  decide(input: DecisionInput, state: PolicyState): Decision {
    this.decisions++;
    const decision = this.evaluate(input, state);
    const now = input.context.time;
    const age = state.asOf === undefined ? undefined : now - state.asOf;
    if (age !== undefined && age <= this.options.maxStalenessMs) return decision;
    const staleness =
      age === undefined
        ? 'the policy state has never been synchronized'
        : `the policy state is ${age} ms old, beyond the ${this.options.maxStalenessMs} ms bound`;
    const connection =
      decision.connectionId !== undefined ? state.connections.get(decision.connectionId) : undefined;
    if (decision.decision !== 'deny' && connection?.failMode === 'open') {
      return {
        ...decision,
        reasons: [
          ...decision.reasons,
          { code: 'stale_state', message: `${staleness}; the connection fails open` },
        ],
      };
    }
    return {
      decision: 'deny',
      reasons: [{ code: 'stale_state', message: `${staleness}: failing closed` }],
      obligations: {},
      policyVersion: decision.policyVersion,
      ...(decision.connectionId !== undefined && { connectionId: decision.connectionId }),
    };
  }

  stats(): DecisionEngineStats {
    const sets = [...this.prepared.values()];
    return {
      decisions: this.decisions,
      cedarCalls: this.cedarCalls,
      memoHits: this.memoHits,
      preparations: this.preparedCount,
      preparedSets: sets.length,
      meanPoliciesPerSet:
        sets.length === 0 ? 0 : sets.reduce((n, s) => n + s.set.policyCount, 0) / sets.length,
    };
  }

  /** Drops the pre-parsed policy sets this engine put in Cedar's cache. */
  dispose(): void {
    for (const held of this.prepared.values()) preparsePolicySet(held.set.cedarId, { staticPolicies: {} });
    this.prepared.clear();
    this.connections = new WeakMap();
  }

  private deny(org: CompiledOrg, reason: DecisionReason, connection?: Connection): Decision {
    return {
      decision: 'deny',
      reasons: [reason],
      obligations: {},
      policyVersion: connection ? `${org.label}+${connection.id}@v${connection.version}` : org.label,
      ...(connection !== undefined && { connectionId: connection.id }),
    };
  }

  private evaluate(input: DecisionInput, state: PolicyState): Decision {
    const principal = state.principals.get(input.principalId);
    const resource = state.resources.get(input.resourceId);
    const orgId = principal?.orgId ?? resource?.orgId ?? '';
    const org = this.compiledOrg(orgId, state);

    if (principal === undefined)
      return this.deny(org, { code: 'forbidden', message: `unknown principal ${input.principalId}` });
    if (resource === undefined || resource.orgId !== principal.orgId) {
      return this.deny(org, { code: 'forbidden', message: `unknown resource ${input.resourceId}` });
    }
    if (principal.status !== 'active') {
      return this.deny(org, {
        code: 'principal_inactive',
        message: `principal ${principal.id} is ${principal.status}`,
      });
    }
    if (org.errors !== undefined) {
      return this.deny(org, {
        code: 'policy_error',
        message: `the organization policy set does not compile: ${org.errors.join('; ')}`,
      });
    }

    // One pass over the pair's connections, allocating nothing per connection: the first allow,
    // approval or organization forbid wins; otherwise the first live connection's denial.
    const now = input.context.time;
    let last: Connection | undefined;
    let firstActive: Connection | undefined;
    let anyLive = false;
    let firstDenial: Decision | undefined;
    let firstUnmatched: Connection | undefined;
    for (const id of state.connectionsByPair.get(pairKey(principal.id, resource.id)) ?? []) {
      const connection = state.connections.get(id);
      if (connection === undefined) continue;
      last = connection;
      if (connection.status !== 'active') continue;
      firstActive ??= connection;
      const compiled = this.compiledConnection(connection);
      if (compiled.expiresAtMs !== undefined && !(now < compiled.expiresAtMs)) continue;
      anyLive = true;
      const matching = matchingOperations(connection, compiled, input);
      if (matching === undefined) {
        if (firstDenial === undefined) firstUnmatched ??= connection;
        continue;
      }
      const outcome = this.evaluateConnection(
        input,
        principal,
        resource,
        connection,
        compiled,
        matching,
        org,
      );
      if (outcome.decision !== 'deny' || outcome.reasons[0]?.code === 'policy_forbid') return outcome;
      if (firstUnmatched === undefined) firstDenial ??= outcome;
    }
    if (last === undefined) {
      return this.deny(org, {
        code: 'no_connection',
        message: `no connection from ${principal.id} to ${resource.id}`,
      });
    }
    if (firstActive === undefined) {
      return this.deny(
        org,
        { code: 'connection_revoked', message: `connection ${last.id} was revoked at v${last.version}` },
        last,
      );
    }
    if (!anyLive) {
      return this.deny(
        org,
        {
          code: 'connection_expired',
          message: `connection ${firstActive.id}@v${firstActive.version} expired at ${firstActive.expiresAt ?? ''}`,
        },
        firstActive,
      );
    }
    if (firstUnmatched !== undefined) {
      return this.deny(
        org,
        {
          code: 'forbidden',
          message: `no operation of connection ${firstUnmatched.id}@v${firstUnmatched.version} allows ${input.action} on "${input.target}"`,
        },
        firstUnmatched,
      );
    }
    return firstDenial as Decision;
  }

  private evaluateConnection(
    input: DecisionInput,
    principal: PrincipalFacts,
    resource: Resource,
    connection: Connection,
    compiled: CompiledConnection,
    matching: readonly number[],
    org: CompiledOrg,
  ): Decision {
    const opId = (index: number): string => `${connection.id}@v${connection.version}#op${index}`;
    const trust = Math.floor(input.context.trustScore ?? 0);
    if (connection.minTrust !== undefined && trust < connection.minTrust) {
      return this.deny(
        org,
        {
          code: 'trust_too_low',
          message: `trust score ${trust} is below the connection's minimum ${connection.minTrust}`,
          policyIds: matching.map(opId),
        },
        connection,
      );
    }
    const passing: number[] = [];
    let violation: DecisionReason | undefined;
    for (const index of matching) {
      const problem = checkArguments(connection.operations[index], input.arguments);
      if (problem === undefined) passing.push(index);
      else violation ??= { code: 'argument_constraint', message: problem.message, policyIds: [opId(index)] };
    }
    if (passing.length === 0) return this.deny(org, violation as DecisionReason, connection);

    const context = cedarContext(input);
    const set = this.preparedSet(
      connection,
      compiled,
      principal,
      resource,
      input.action,
      passing,
      org,
      context,
    );
    const memoKey = this.memoKey(principal, resource, set, context);
    let verdict = memoKey === undefined ? undefined : set.memo.get(memoKey);
    if (verdict !== undefined) this.memoHits++;
    else {
      this.cedarCalls++;
      const answer = statefulIsAuthorized({
        principal: principalUid(principal),
        action: actionUid(input.action),
        resource: resourceUid(resource.id),
        context: pruned(context, set.contextKeys),
        entities: set.needsEntities ? this.entityJson.forReads(set.entities, principal, resource) : [],
        preparsedPolicySetId: set.cedarId,
      });
      if (answer.type === 'failure') {
        throw new PolicyEngineError('cedar_failure', 500, answer.errors.map((e) => e.message).join('; '));
      }
      verdict = {
        allow: answer.response.decision === 'allow',
        // Cedar reports determining policies in no fixed order; sorted, reasons are stable.
        determining: [...answer.response.diagnostics.reason].sort(),
        errors: answer.response.diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`),
      };
      if (memoKey !== undefined && this.memoLimit > 0) {
        if (set.memo.size >= this.memoLimit) set.memo.clear();
        set.memo.set(memoKey, verdict);
      }
    }

    if (!verdict.allow) {
      const forbids = verdict.determining.filter((id) => !set.permitIds.has(id));
      if (forbids.length > 0) {
        return this.deny(
          org,
          { code: 'policy_forbid', message: `forbidden by ${forbids.join(', ')}`, policyIds: forbids },
          connection,
        );
      }
      const detail = verdict.errors.length > 0 ? `; evaluation errors: ${verdict.errors.join('; ')}` : '';
      return this.deny(org, { code: 'forbidden', message: `no permit satisfied${detail}` }, connection);
    }
    // Cedar skips a policy whose evaluation errors; an errored forbid must not turn into an allow.
    if (verdict.errors.length > 0) {
      return this.deny(
        org,
        { code: 'policy_error', message: `evaluation errors: ${verdict.errors.join('; ')}` },
        connection,
      );
    }
    const approvalNeeded =
      input.approvalGranted !== true &&
      compiled.approvals.some((rule) => rule.action === input.action && rule.target.test(input.target));
    if (approvalNeeded && connection.approval !== undefined) {
      const permits = [...verdict.determining];
      return {
        decision: 'approval_required',
        reasons: [
          {
            code: 'approval_required',
            message: `${input.action} on "${input.target}" needs an approval by one of ${connection.approval.approverIds.join(', ')}`,
            policyIds: permits,
          },
        ],
        obligations: compiled.obligations,
        policyVersion: `${org.label}+${connection.id}@v${connection.version}`,
        connectionId: connection.id,
      };
    }
    // A verdict belongs to one prepared set, hence to one connection version and one org version.
    if (verdict.allowDecision === undefined) {
      const permits = [...verdict.determining];
      verdict.allowDecision = {
        decision: 'allow',
        reasons: [{ code: 'permitted', message: `permitted by ${permits.join(', ')}`, policyIds: permits }],
        obligations: compiled.obligations,
        policyVersion: `${org.label}+${connection.id}@v${connection.version}`,
        connectionId: connection.id,
      };
    }
    return verdict.allowDecision;
  }

  private compiledOrg(orgId: string, state: PolicyState): CompiledOrg {
    const published = state.orgPolicySets.get(orgId);
    const version = published?.version ?? 0;
    const held = this.orgs.get(orgId);
    if (held !== undefined && held.version === version) return held;
    const label = `${orgId}/policies@v${version}`;
    let compiled: CompiledOrg;
    if (published === undefined) {
      compiled = { version, label, policies: [] };
    } else {
      try {
        compiled = {
          version,
          label,
          policies: validateOrgPolicySet(published.policies).map((p) => ({
            id: orgPolicyId(orgId, version, p.localId),
            text: p.text,
            json: p.json,
            guard: equalityGuard(p.json),
            entityGuard: entityGuard(p.json),
          })),
        };
      } catch (error: unknown) {
        const details = error instanceof PolicyEngineError ? error.details : [String(error)];
        compiled = { version, label, policies: [], errors: details };
      }
    }
    this.orgs.set(orgId, compiled);
    return compiled;
  }

  private compiledConnection(connection: Connection): CompiledConnection {
    let compiled = this.connections.get(connection);
    if (compiled === undefined) {
      compiled = {
        expiresAtMs: connection.expiresAt === undefined ? undefined : Date.parse(connection.expiresAt),
        targets: connection.operations.map((o) => globToRegExp(o.target)),
        approvals: (connection.approval?.operations ?? []).map((o) => ({
          action: o.action,
          target: globToRegExp(o.target),
        })),
        obligations: {
          ...(connection.guardrailProfileId !== undefined && {
            guardrailProfileId: connection.guardrailProfileId,
          }),
          ...(connection.budget !== undefined && { budget: connection.budget }),
          ...(connection.rateLimit !== undefined && { rateLimit: connection.rateLimit }),
        },
        shapes: new Map(),
      };
      this.connections.set(connection, compiled);
    }
    return compiled;
  }

  private shape(
    connection: Connection,
    compiled: CompiledConnection,
    principal: PrincipalFacts,
    resource: Resource,
    action: OperationAction,
    operations: readonly number[],
    org: CompiledOrg,
  ): Shape {
    const key = shapeKey(principal.kind, action, operations, connection.operations.length);
    const held = compiled.shapes.get(key);
    if (held !== undefined && held.org === org && held.principal === principal && held.resource === resource)
      return held;
    const entities = this.entityJson.whole(principal, resource);
    const shape: Shape = {
      org,
      principal,
      resource,
      candidate: candidateSet(connection, principal, resource, action, operations, org.policies, entities),
      sets: new Map(),
    };
    compiled.shapes.set(key, shape);
    return shape;
  }

  /**
   * The pre-parsed set Cedar evaluates for this request: the permits of the operations that passed the
   * engine's checks, and the organization's forbids whose scope can apply and whose equality guard (if
   * any) the request's context can satisfy. Both filters are exact (see `scopeMayApply`, `equalityGuard`).
   */
  private preparedSet(
    connection: Connection,
    compiled: CompiledConnection,
    principal: PrincipalFacts,
    resource: Resource,
    action: OperationAction,
    operations: readonly number[],
    org: CompiledOrg,
    context: CedarContext,
  ): PreparedSet {
    const shape = this.shape(connection, compiled, principal, resource, action, operations, org);
    const groups = shape.candidate.guarded;
    let key: string | number = 0;
    if (groups.length === 1) key = guardChoice(groups[0], context);
    else if (groups.length > 1) key = groups.map((g) => guardChoice(g, context)).join(',');
    const held = shape.sets.get(key);
    // Eviction is first in, first out: refreshing recency on every hit would cost more than it saves.
    if (held !== undefined) return held;

    const permits = shape.candidate.permits;
    const forbids: CompiledOrgPolicy[] = [...shape.candidate.unguarded];
    for (const group of groups) {
      const choice = guardChoice(group, context);
      if (choice === ANY_GUARD_MATCH) forbids.push(...group.all);
      else if (choice !== NO_GUARD_MATCH) {
        const value = contextValue(context, group.path) as Literal;
        forbids.push(...(group.byLiteral.get(value)?.policies ?? []));
      }
    }
    const policies: Record<string, string> = {};
    for (const p of permits) policies[p.id] = p.text;
    for (const p of forbids) policies[p.id] = p.text;
    const cedarId = `warden-engine-${this.instance}-${++this.preparedCount}`;
    const parsed = preparsePolicySet(cedarId, { staticPolicies: policies });
    if (parsed.type === 'failure') {
      throw new PolicyEngineError('cedar_failure', 500, parsed.errors.map((e) => e.message).join('; '));
    }
    const jsons = [...permits.map((p) => p.json), ...forbids.map((p) => p.json)];
    const reads = contextReads(jsons);
    const entities = entityReads(jsons);
    const set: PreparedSet = {
      cedarId,
      permitIds: new Set(permits.map((p) => p.id)),
      reads,
      contextKeys: reads.some((r) => r.path.length === 0)
        ? undefined
        : [...new Set(reads.map((r) => r.path[0]))],
      entities,
      needsEntities: entities.principal !== undefined || entities.resource !== undefined,
      policyCount: jsons.length,
      memo: new Map(),
    };
    shape.sets.set(key, set);
    this.prepared.set(cedarId, { set, owner: shape.sets, key });
    if (this.prepared.size > this.preparedLimit) {
      const [oldestId, oldest] = this.prepared.entries().next().value as [string, HeldSet];
      preparsePolicySet(oldestId, { staticPolicies: {} });
      if (oldest.owner.get(oldest.key) === oldest.set) oldest.owner.delete(oldest.key);
      this.prepared.delete(oldestId);
    }
    return set;
  }

  /**
   * Exactly what the set's policies can tell apart: the entities (by identity — state objects are
   * immutable, a change is a new object) when any policy reads them, and each context read reduced
   * to what its use distinguishes.
   */
  private memoKey(
    principal: PrincipalFacts,
    resource: Resource,
    set: PreparedSet,
    context: CedarContext,
  ): string | undefined {
    if (this.memoLimit === 0) return undefined;
    let key = set.needsEntities ? `${this.entityJson.idOf(principal)}|${this.entityJson.idOf(resource)}` : '';
    for (const read of set.reads) key += '\u0001' + readKey(read, context);
    return key;
  }
}

/** The operations of the connection whose action and target glob match the request; undefined when none. */
function matchingOperations(
  connection: Connection,
  compiled: CompiledConnection,
  input: DecisionInput,
): number[] | undefined {
  let matching: number[] | undefined;
  const operations = connection.operations;
  for (let index = 0; index < operations.length; index++) {
    if (operations[index].action === input.action && compiled.targets[index].test(input.target))
      (matching ??= []).push(index);
  }
  return matching;
}

function shapeKey(
  kind: PrincipalKind,
  action: OperationAction,
  operations: readonly number[],
  operationCount: number,
): string | number {
  if (operationCount > NUMERIC_SHAPE_OPERATIONS) return `${kind}|${action}|${operations.join(',')}`;
  let mask = 0;
  for (const index of operations) mask += 2 ** index;
  return (
    (mask * OPERATION_ACTIONS.length + OPERATION_ACTIONS.indexOf(action)) * PRINCIPAL_KINDS.length +
    PRINCIPAL_KINDS.indexOf(kind)
  );
}

/** Only the attributes some policy reads: unread attributes cannot change the answer, and cost marshalling. */
function pruned(context: CedarContext, keys: readonly string[] | undefined): CedarContext {
  if (keys === undefined) return context;
  const out: CedarContext = {};
  for (const key of keys) {
    const value = context[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
