import { statefulIsAuthorized, type CedarContext } from '../cedar/cedar-runtime';
import { readKey } from '../cedar/context-reads';
import { actionUid } from '../cedar/warden-schema';
import type { OperationAction, PrincipalFacts, Resource } from '../domain/policy-model';
import { PolicyEngineError } from '../errors';
import { principalUid, resourceUid } from './cedar-request';
import type { EntityJsonCache } from './entity-json-cache';
import type { PreparedSet, Verdict } from './prepared-set-cache';

export interface VerdictRequest {
  readonly set: PreparedSet;
  readonly principal: PrincipalFacts;
  readonly resource: Resource;
  readonly action: OperationAction;
  readonly context: CedarContext;
}

/**
 * Asks Cedar, memoized on exactly what the set's policies can read (entity versions and referenced context
 * paths), so repeating a request shape costs no Cedar call and changes no answer.
 */
export class CedarVerdicts {
  cedarCalls = 0;
  memoHits = 0;

  constructor(
    /** Memoized answers kept per prepared set; 0 turns memoization off. */
    private readonly memoLimit: number,
    private readonly entityJson: EntityJsonCache,
  ) {}

  verdict({ set, principal, resource, action, context }: VerdictRequest): Verdict {
    const memoKey = this.memoKey(principal, resource, set, context);
    const memoized = memoKey === undefined ? undefined : set.memo.get(memoKey);
    if (memoized !== undefined) {
      this.memoHits++;
      return memoized;
    }
    this.cedarCalls++;
    const answer = statefulIsAuthorized({
      principal: principalUid(principal),
      action: actionUid(action),
      resource: resourceUid(resource.id),
      context: pruned(context, set.contextKeys),
      entities: set.needsEntities ? this.entityJson.forReads(set.entities, principal, resource) : [],
      preparsedPolicySetId: set.cedarId,
    });
    if (answer.type === 'failure') {
      throw new PolicyEngineError('cedar_failure', 500, answer.errors.map((e) => e.message).join('; '));
    }
    const verdict: Verdict = {
      allow: answer.response.decision === 'allow',
      // Cedar reports determining policies in no fixed order; sorted, reasons are stable.
      determining: [...answer.response.diagnostics.reason].sort(),
      errors: answer.response.diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`),
    };
    if (memoKey !== undefined) {
      if (set.memo.size >= this.memoLimit) set.memo.clear();
      set.memo.set(memoKey, verdict);
    }
    return verdict;
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
