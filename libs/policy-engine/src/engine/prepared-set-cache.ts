import { preparsePolicySet, type CedarContext } from '../cedar/cedar-runtime';
import { contextReads, contextValue, type ContextRead } from '../cedar/context-reads';
import { entityReads, type EntityReads } from '../cedar/entity-reads';
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
import {
  ANY_GUARD_MATCH,
  NO_GUARD_MATCH,
  candidateSet,
  guardChoice,
  type CandidateSet,
  type CompiledOrgPolicy,
  type Literal,
} from './candidate-set';
import type { CompiledOrg } from './compiled-org';
import type { EntityJsonCache } from './entity-json-cache';
import type { Decision } from './decision-types';

/** Cedar's answer for one prepared set and one memo key. */
export interface Verdict {
  /** The allow built from this verdict, reused while nothing else about the decision differs. */
  allowDecision?: Decision;
  readonly allow: boolean;
  readonly determining: readonly string[];
  readonly errors: readonly string[];
}

/** A policy set pre-parsed in Cedar's cache, with what its policies read (for pruning and memo keys). */
export interface PreparedSet {
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

/** What one decision asks Cedar about: the operations of the connection that passed the engine's checks. */
export interface SetRequest {
  readonly connection: Connection;
  readonly principal: PrincipalFacts;
  readonly resource: Resource;
  readonly action: OperationAction;
  readonly operations: readonly number[];
  readonly org: CompiledOrg;
  readonly context: CedarContext;
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

interface HeldSet {
  readonly set: PreparedSet;
  readonly owner: Map<string | number, PreparedSet>;
  readonly key: string | number;
}

/** Up to this many operations, a request shape is keyed by a number (a bit per passing operation). */
const NUMERIC_SHAPE_OPERATIONS = 40;

let cacheInstances = 0;

/**
 * The pre-parsed sets Cedar evaluates: per request shape and guard choice, the permits of the operations
 * that passed the engine's checks and the organization's forbids whose scope can apply and whose equality
 * guard (if any) the request's context can satisfy. Both filters are exact (see `candidateSet`,
 * `equalityGuard`). Sets stay in Cedar's cache up to a limit, the oldest evicted first.
 */
export class PreparedSetCache {
  private readonly instance = ++cacheInstances;
  private created = 0;
  private shapes = new WeakMap<Connection, Map<string | number, Shape>>();
  /** Every set this cache put in Cedar's cache, oldest first (eviction order). */
  private readonly held = new Map<string, HeldSet>();

  constructor(
    private readonly limit: number,
    private readonly entityJson: EntityJsonCache,
  ) {}

  /** Sets pre-parsed so far (each a first-seen request shape or guard choice). */
  get preparations(): number {
    return this.created;
  }

  sets(): PreparedSet[] {
    return [...this.held.values()].map((held) => held.set);
  }

  setFor(request: SetRequest): PreparedSet {
    const shape = this.shape(request);
    const { context } = request;
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
    const set = this.prepare(permits, forbids);
    shape.sets.set(key, set);
    this.held.set(set.cedarId, { set, owner: shape.sets, key });
    if (this.held.size > this.limit) this.evictOldest();
    return set;
  }

  /** Drops the pre-parsed sets this cache put in Cedar's cache. */
  dispose(): void {
    for (const held of this.held.values()) preparsePolicySet(held.set.cedarId, { staticPolicies: {} });
    this.held.clear();
    this.shapes = new WeakMap();
  }

  private shape({ connection, principal, resource, action, operations, org }: SetRequest): Shape {
    let shapes = this.shapes.get(connection);
    if (shapes === undefined) {
      shapes = new Map();
      this.shapes.set(connection, shapes);
    }
    const key = shapeKey(principal.kind, action, operations, connection.operations.length);
    const held = shapes.get(key);
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
    shapes.set(key, shape);
    return shape;
  }

  private prepare(permits: CandidateSet['permits'], forbids: readonly CompiledOrgPolicy[]): PreparedSet {
    const policies: Record<string, string> = {};
    for (const p of permits) policies[p.id] = p.text;
    for (const p of forbids) policies[p.id] = p.text;
    const cedarId = `warden-engine-${this.instance}-${++this.created}`;
    const parsed = preparsePolicySet(cedarId, { staticPolicies: policies });
    if (parsed.type === 'failure') {
      throw new PolicyEngineError('cedar_failure', 500, parsed.errors.map((e) => e.message).join('; '));
    }
    const jsons = [...permits.map((p) => p.json), ...forbids.map((p) => p.json)];
    const reads = contextReads(jsons);
    const entities = entityReads(jsons);
    return {
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
  }

  private evictOldest(): void {
    const [oldestId, oldest] = this.held.entries().next().value as [string, HeldSet];
    preparsePolicySet(oldestId, { staticPolicies: {} });
    if (oldest.owner.get(oldest.key) === oldest.set) oldest.owner.delete(oldest.key);
    this.held.delete(oldestId);
  }
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
