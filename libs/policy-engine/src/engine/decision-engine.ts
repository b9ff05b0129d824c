import {
  policyToJson,
  preparsePolicySet,
  statefulIsAuthorized,
  type CedarContext,
  type PolicyJson,
} from '../cedar/cedar-runtime';
import { compileConnection, type CompiledPermit } from '../cedar/compile-connection';
import { orgPolicyId, validateOrgPolicySet } from '../cedar/org-policy-set';
import {
  contextReads,
  contextValue,
  equalityGuard,
  readKey,
  readsEntities,
  type ContextPath,
  type ContextRead,
  type EqualityGuard,
} from '../cedar/context-reads';
import { scopeMayApply, type RequestScope } from '../cedar/policy-scope';
import { actionUid } from '../cedar/warden-schema';
import { globToRegExp } from '../domain/glob';
import type { Connection, OperationAction, PrincipalFacts, Resource } from '../domain/policy-model';
import { PolicyEngineError } from '../errors';
import { pairKey, type PolicyState } from '../projection/policy-state';
import { checkArguments } from './argument-constraints';
import {
  cedarContext,
  organizationUid,
  principalEntity,
  principalUid,
  resourceEntity,
  resourceUid,
} from './cedar-request';
import type { Decision, DecisionInput, DecisionReason, Obligations } from './decision-types';

export interface DecisionEngineOptions {
  /** Older state than this (by `state.asOf` against the request time) fails closed: `stale_state`. */
  readonly maxStalenessMs: number;
  /** Memoized Cedar answers kept per prepared policy set; 0 turns memoization off. */
  readonly memoEntriesPerSet?: number;
  /** Prepared (pre-parsed) Cedar policy sets kept in Cedar's cache, least recently used evicted. */
  readonly maxPreparedSets?: number;
}

interface CompiledOrgPolicy {
  readonly id: string;
  readonly text: string;
  readonly json: PolicyJson;
  readonly guard: EqualityGuard | undefined;
}

/** The forbids that can apply to one connection's request shape, split by their equality guard. */
interface CandidateSet {
  readonly permits: readonly CompiledPermit[];
  readonly unguarded: readonly CompiledOrgPolicy[];
  readonly guarded: readonly {
    readonly path: ContextPath;
    readonly byLiteral: ReadonlyMap<string, readonly CompiledOrgPolicy[]>;
    readonly all: readonly CompiledOrgPolicy[];
  }[];
}

interface CompiledOrg {
  readonly version: number;
  readonly policies: readonly CompiledOrgPolicy[];
  readonly errors?: readonly string[];
}

interface CompiledConnection {
  readonly expiresAtMs: number | undefined;
  readonly targets: readonly RegExp[];
  readonly approvals: readonly { readonly action: OperationAction; readonly target: RegExp }[];
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
  readonly needsEntities: boolean;
  readonly policyCount: number;
  readonly memo: Map<string, Verdict>;
}

/** Counters for metrics and benchmarks. */
export interface DecisionEngineStats {
  readonly decisions: number;
  readonly cedarCalls: number;
  readonly memoHits: number;
  readonly preparedSets: number;
  /** Policies per prepared set, averaged over the sets held now. */
  readonly meanPoliciesPerSet: number;
}

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
  private readonly connections = new WeakMap<Connection, CompiledConnection>();
  private readonly prepared = new Map<string, PreparedSet>();
  private readonly candidates = new Map<string, CandidateSet>();
  private readonly objectIds = new WeakMap<object, number>();
  private objectCount = 0;
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
      preparedSets: sets.length,
      meanPoliciesPerSet: sets.length === 0 ? 0 : sets.reduce((n, s) => n + s.policyCount, 0) / sets.length,
    };
  }

  /** Drops the pre-parsed policy sets this engine put in Cedar's cache. */
  dispose(): void {
    for (const set of this.prepared.values()) preparsePolicySet(set.cedarId, { staticPolicies: {} });
    this.prepared.clear();
    this.candidates.clear();
  }

  private evaluate(input: DecisionInput, state: PolicyState): Decision {
    const principal = state.principals.get(input.principalId);
    const resource = state.resources.get(input.resourceId);
    const orgId = principal?.orgId ?? resource?.orgId ?? '';
    const org = this.compiledOrg(orgId, state);
    const orgVersion = `${orgId}/policies@v${org.version}`;
    const deny = (reason: DecisionReason, connection?: Connection): Decision => ({
      decision: 'deny',
      reasons: [reason],
      obligations: {},
      policyVersion: connection ? `${orgVersion}+${connection.id}@v${connection.version}` : orgVersion,
      ...(connection !== undefined && { connectionId: connection.id }),
    });

    if (principal === undefined)
      return deny({ code: 'forbidden', message: `unknown principal ${input.principalId}` });
    if (resource === undefined || resource.orgId !== principal.orgId) {
      return deny({ code: 'forbidden', message: `unknown resource ${input.resourceId}` });
    }
    if (principal.status !== 'active') {
      return deny({
        code: 'principal_inactive',
        message: `principal ${principal.id} is ${principal.status}`,
      });
    }
    if (org.errors !== undefined) {
      return deny({
        code: 'policy_error',
        message: `the organization policy set does not compile: ${org.errors.join('; ')}`,
      });
    }

    const ids = state.connectionsByPair.get(pairKey(principal.id, resource.id)) ?? [];
    const all = ids.map((id) => state.connections.get(id)).filter((c): c is Connection => c !== undefined);
    if (all.length === 0) {
      return deny({ code: 'no_connection', message: `no connection from ${principal.id} to ${resource.id}` });
    }
    const active = all.filter((c) => c.status === 'active');
    if (active.length === 0) {
      const last = all[all.length - 1];
      return deny(
        { code: 'connection_revoked', message: `connection ${last.id} was revoked at v${last.version}` },
        last,
      );
    }
    const now = input.context.time;
    const live = active.filter((c) => {
      const expiry = this.compiledConnection(c).expiresAtMs;
      return expiry === undefined || now < expiry;
    });
    if (live.length === 0) {
      const first = active[0];
      return deny(
        {
          code: 'connection_expired',
          message: `connection ${first.id}@v${first.version} expired at ${first.expiresAt ?? ''}`,
        },
        first,
      );
    }

    let firstDenial: Decision | undefined;
    for (const connection of live) {
      const outcome = this.evaluateConnection(input, principal, resource, connection, org, orgId, deny);
      if (outcome.decision !== 'deny' || outcome.reasons[0]?.code === 'policy_forbid') return outcome;
      firstDenial ??= outcome;
    }
    return firstDenial as Decision;
  }

  private evaluateConnection(
    input: DecisionInput,
    principal: PrincipalFacts,
    resource: Resource,
    connection: Connection,
    org: CompiledOrg,
    orgId: string,
    deny: (reason: DecisionReason, connection?: Connection) => Decision,
  ): Decision {
    const compiled = this.compiledConnection(connection);
    const matching: number[] = [];
    connection.operations.forEach((operation, index) => {
      if (operation.action === input.action && compiled.targets[index].test(input.target))
        matching.push(index);
    });
    const opId = (index: number): string => `${connection.id}@v${connection.version}#op${index}`;
    if (matching.length === 0) {
      return deny(
        {
          code: 'forbidden',
          message: `no operation of connection ${connection.id}@v${connection.version} allows ${input.action} on "${input.target}"`,
        },
        connection,
      );
    }
    const trust = Math.floor(input.context.trustScore ?? 0);
    if (connection.minTrust !== undefined && trust < connection.minTrust) {
      return deny(
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
    if (passing.length === 0) return deny(violation as DecisionReason, connection);

    const context = cedarContext(input);
    const set = this.preparedSet(connection, principal, resource, input.action, passing, org, orgId, context);
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
        entities: set.needsEntities ? [principalEntity(principal), resourceEntity(resource)] : [],
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

    const policyVersion = `${orgId}/policies@v${org.version}+${connection.id}@v${connection.version}`;
    if (!verdict.allow) {
      const forbids = verdict.determining.filter((id) => !set.permitIds.has(id));
      if (forbids.length > 0) {
        return deny(
          { code: 'policy_forbid', message: `forbidden by ${forbids.join(', ')}`, policyIds: forbids },
          connection,
        );
      }
      const detail = verdict.errors.length > 0 ? `; evaluation errors: ${verdict.errors.join('; ')}` : '';
      return deny({ code: 'forbidden', message: `no permit satisfied${detail}` }, connection);
    }
    // Cedar skips a policy whose evaluation errors; an errored forbid must not turn into an allow.
    if (verdict.errors.length > 0) {
      return deny(
        { code: 'policy_error', message: `evaluation errors: ${verdict.errors.join('; ')}` },
        connection,
      );
    }
    const obligations = this.obligations(connection);
    const permits = [...verdict.determining];
    const approvalNeeded =
      input.approvalGranted !== true &&
      compiled.approvals.some((rule) => rule.action === input.action && rule.target.test(input.target));
    if (approvalNeeded && connection.approval !== undefined) {
      return {
        decision: 'approval_required',
        reasons: [
          {
            code: 'approval_required',
            message: `${input.action} on "${input.target}" needs an approval by one of ${connection.approval.approverIds.join(', ')}`,
            policyIds: permits,
          },
        ],
        obligations,
        policyVersion,
        connectionId: connection.id,
      };
    }
    // A verdict belongs to one prepared set, hence to one connection version and one org version.
    verdict.allowDecision ??= {
      decision: 'allow',
      reasons: [{ code: 'permitted', message: `permitted by ${permits.join(', ')}`, policyIds: permits }],
      obligations,
      policyVersion,
      connectionId: connection.id,
    };
    return verdict.allowDecision;
  }

  private obligations(connection: Connection): Obligations {
    return {
      ...(connection.guardrailProfileId !== undefined && {
        guardrailProfileId: connection.guardrailProfileId,
      }),
      ...(connection.budget !== undefined && { budget: connection.budget }),
      ...(connection.rateLimit !== undefined && { rateLimit: connection.rateLimit }),
    };
  }

  private compiledOrg(orgId: string, state: PolicyState): CompiledOrg {
    const published = state.orgPolicySets.get(orgId);
    const version = published?.version ?? 0;
    const held = this.orgs.get(orgId);
    if (held !== undefined && held.version === version) return held;
    let compiled: CompiledOrg;
    if (published === undefined) {
      compiled = { version, policies: [] };
    } else {
      try {
        compiled = {
          version,
          policies: validateOrgPolicySet(published.policies).map((p) => ({
            id: orgPolicyId(orgId, version, p.localId),
            text: p.text,
            json: p.json,
            guard: equalityGuard(p.json),
          })),
        };
      } catch (error: unknown) {
        const details = error instanceof PolicyEngineError ? error.details : [String(error)];
        compiled = { version, policies: [], errors: details };
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
      };
      this.connections.set(connection, compiled);
    }
    return compiled;
  }

  private candidateSet(
    connection: Connection,
    principal: PrincipalFacts,
    resource: Resource,
    action: OperationAction,
    operations: readonly number[],
    org: CompiledOrg,
    baseKey: string,
  ): CandidateSet {
    const held = this.candidates.get(baseKey);
    if (held !== undefined) return held;
    const scope: RequestScope = {
      principal: principalUid(principal),
      principalAncestors: [organizationUid(principal.orgId)],
      action: actionUid(action),
      resource: resourceUid(resource.id),
      resourceAncestors: [organizationUid(resource.orgId)],
    };
    const permits = compileConnection(connection, principal.kind).filter((p) =>
      operations.includes(p.operationIndex),
    );
    const unguarded: CompiledOrgPolicy[] = [];
    const byPath = new Map<
      string,
      { path: ContextPath; byLiteral: Map<string, CompiledOrgPolicy[]>; all: CompiledOrgPolicy[] }
    >();
    for (const policy of org.policies) {
      if (!scopeMayApply(policy.json, scope)) continue;
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
      const literalKey = literalKeyOf(policy.guard.literal);
      group.byLiteral.set(literalKey, [...(group.byLiteral.get(literalKey) ?? []), policy]);
      group.all.push(policy);
    }
    const candidate: CandidateSet = { permits, unguarded, guarded: [...byPath.values()] };
    if (this.candidates.size >= this.preparedLimit * 4) this.candidates.clear();
    this.candidates.set(baseKey, candidate);
    return candidate;
  }

  /**
   * The pre-parsed set Cedar evaluates for this request: the permits of the operations that passed the
   * engine's checks, and the organization's forbids whose scope can apply and whose equality guard (if
   * any) the request's context can satisfy. Both filters are exact (see `scopeMayApply`, `equalityGuard`).
   */
  private preparedSet(
    connection: Connection,
    principal: PrincipalFacts,
    resource: Resource,
    action: OperationAction,
    operations: readonly number[],
    org: CompiledOrg,
    orgId: string,
    context: CedarContext,
  ): PreparedSet {
    const baseKey = `${connection.id}@${connection.version}|${principal.kind}|${action}|${operations.join(',')}|${orgId}@${org.version}`;
    const candidate = this.candidateSet(connection, principal, resource, action, operations, org, baseKey);
    let key = baseKey;
    const chosen: CompiledOrgPolicy[][] = [candidate.unguarded as CompiledOrgPolicy[]];
    for (const group of candidate.guarded) {
      const value = contextValue(context, group.path);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        const literalKey = literalKeyOf(value);
        const matching = group.byLiteral.get(literalKey);
        key += matching === undefined ? '|-' : `|${literalKey}`;
        if (matching !== undefined) chosen.push(matching as CompiledOrgPolicy[]);
      } else {
        key += '|*';
        chosen.push(group.all as CompiledOrgPolicy[]);
      }
    }
    const held = this.prepared.get(key);
    // Eviction is first in, first out: refreshing recency on every hit would cost more than it saves.
    if (held !== undefined) return held;
    const permits = candidate.permits;
    const forbids = chosen.flat();
    const policies: Record<string, string> = {};
    for (const p of permits) policies[p.id] = p.text;
    for (const p of forbids) policies[p.id] = p.text;
    const cedarId = `warden-engine-${this.instance}-${++this.preparedCount}`;
    const parsed = preparsePolicySet(cedarId, { staticPolicies: policies });
    if (parsed.type === 'failure') {
      throw new PolicyEngineError('cedar_failure', 500, parsed.errors.map((e) => e.message).join('; '));
    }
    const jsons = [...permits.map((p) => permitJson(p.text)), ...forbids.map((p) => p.json)];
    const reads = contextReads(jsons);
    const set: PreparedSet = {
      cedarId,
      permitIds: new Set(permits.map((p) => p.id)),
      reads,
      contextKeys: reads.some((r) => r.path.length === 0)
        ? undefined
        : [...new Set(reads.map((r) => r.path[0]))],
      needsEntities: jsons.some(readsEntities),
      policyCount: jsons.length,
      memo: new Map(),
    };
    this.prepared.set(key, set);
    if (this.prepared.size > this.preparedLimit) {
      const [oldestKey, oldest] = this.prepared.entries().next().value as [string, PreparedSet];
      preparsePolicySet(oldest.cedarId, { staticPolicies: {} });
      this.prepared.delete(oldestKey);
    }
    return set;
  }

  private objectId(value: object): number {
    let id = this.objectIds.get(value);
    if (id === undefined) {
      id = ++this.objectCount;
      this.objectIds.set(value, id);
    }
    return id;
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
    let key = set.needsEntities ? `${this.objectId(principal)}|${this.objectId(resource)}` : '';
    for (const read of set.reads) key += '\u0001' + readKey(read, context);
    return key;
  }
}

function literalKeyOf(value: string | number | boolean): string {
  // Length-prefixed so that no value can imitate the separators of the set key it is part of.
  return typeof value === 'string' ? `s${value.length}:${value}` : `${typeof value}:${String(value)}`;
}

function permitJson(text: string): PolicyJson {
  const json = policyToJson(text);
  if (json.type === 'failure')
    throw new PolicyEngineError('cedar_failure', 500, json.errors.map((e) => e.message).join('; '));
  return json.json;
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
