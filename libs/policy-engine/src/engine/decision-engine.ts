import { cedarContext } from './cedar-request';
import { CedarVerdicts } from './cedar-verdicts';
import {
  approvalNeeded,
  connectionRules,
  matchingOperations,
  type ConnectionRules,
} from './connection-rules';
import { compileOrg, type CompiledOrg } from './compiled-org';
import { checkArguments } from './argument-constraints';
import type { Decision, DecisionInput, DecisionReason } from './decision-types';
import { EntityJsonCache } from './entity-json-cache';
import { PreparedSetCache } from './prepared-set-cache';
import { boundedByStaleness } from './stale-state';
import type { Connection, PrincipalFacts, Resource } from '../domain/policy-model';
import { pairKey, type PolicyState } from '../projection/policy-state';

export interface DecisionEngineOptions {
  /** Older state than this (by `state.asOf` against the request time) fails closed: `stale_state`. */
  readonly maxStalenessMs: number;
  /** Memoized Cedar answers kept per prepared policy set; 0 turns memoization off. */
  readonly memoEntriesPerSet?: number;
  /** Prepared (pre-parsed) Cedar policy sets kept in Cedar's cache, least recently used evicted. */
  readonly maxPreparedSets?: number;
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

/**
 * Decides `allow | deny | approval_required` for one request against a projection snapshot.
 *
 * Deny by default. The engine first settles what needs no policy evaluation — unknown or inactive
 * principal, unknown resource, no live connection, no operation matching action and target, trust
 * below the bound, argument constraints — and only then asks Cedar, with a pre-parsed policy set
 * holding just the permits of the matching operations and the organization's forbids whose scope can
 * apply (`PreparedSetCache`). Cedar decides every allow and every forbid; its answers are memoized
 * (`CedarVerdicts`).
 */
export class DecisionEngine {
  private readonly orgs = new Map<string, CompiledOrg>();
  private connections = new WeakMap<Connection, ConnectionRules>();
  /** Entity JSON per principal or resource state object (immutable: a change is a new object), per read shape. */
  private readonly entityJson = new EntityJsonCache();
  private readonly sets: PreparedSetCache;
  private readonly verdicts: CedarVerdicts;
  private decisions = 0;

  constructor(private readonly options: DecisionEngineOptions) {
    this.sets = new PreparedSetCache(options.maxPreparedSets ?? 4096, this.entityJson);
    this.verdicts = new CedarVerdicts(options.memoEntriesPerSet ?? 4096, this.entityJson);
  }

  decide(input: DecisionInput, state: PolicyState): Decision {
    this.decisions++;
    return boundedByStaleness(
      this.evaluate(input, state),
      state,
      input.context.time,
      this.options.maxStalenessMs,
    );
  }

  stats(): DecisionEngineStats {
    const sets = this.sets.sets();
    return {
      decisions: this.decisions,
      cedarCalls: this.verdicts.cedarCalls,
      memoHits: this.verdicts.memoHits,
      preparations: this.sets.preparations,
      preparedSets: sets.length,
      meanPoliciesPerSet: sets.length === 0 ? 0 : sets.reduce((n, s) => n + s.policyCount, 0) / sets.length,
    };
  }

  /** Drops the pre-parsed policy sets this engine put in Cedar's cache. */
  dispose(): void {
    this.sets.dispose();
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
    const held = this.orgs.get(orgId);
    const org = compileOrg(orgId, state, held);
    if (org !== held) this.orgs.set(orgId, org);

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
      const rules = this.rulesOf(connection);
      if (rules.expiresAtMs !== undefined && !(now < rules.expiresAtMs)) continue;
      anyLive = true;
      const matching = matchingOperations(connection, rules, input);
      if (matching === undefined) {
        if (firstDenial === undefined) firstUnmatched ??= connection;
        continue;
      }
      const outcome = this.evaluateConnection(input, principal, resource, connection, rules, matching, org);
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
    rules: ConnectionRules,
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
    const set = this.sets.setFor({
      connection,
      principal,
      resource,
      action: input.action,
      operations: passing,
      org,
      context,
    });
    const verdict = this.verdicts.verdict({ set, principal, resource, action: input.action, context });

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
    if (approvalNeeded(rules, input) && connection.approval !== undefined) {
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
        obligations: rules.obligations,
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
        obligations: rules.obligations,
        policyVersion: `${org.label}+${connection.id}@v${connection.version}`,
        connectionId: connection.id,
      };
    }
    return verdict.allowDecision;
  }

  private rulesOf(connection: Connection): ConnectionRules {
    let rules = this.connections.get(connection);
    if (rules === undefined) {
      rules = connectionRules(connection);
      this.connections.set(connection, rules);
    }
    return rules;
  }
}
