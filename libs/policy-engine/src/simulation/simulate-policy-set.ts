import type { OrgPolicySet } from '../domain/policy-model';
import { validateOrgPolicySet } from '../cedar/org-policy-set';
import { DecisionEngine } from '../engine/decision-engine';
import type { DecisionInput, DecisionOutcome, DecisionReason } from '../engine/decision-types';
import type { PolicyState } from '../projection/policy-state';

export interface RecordedDecision {
  readonly decisionId: string;
  readonly input: DecisionInput;
  readonly outcome: DecisionOutcome;
}

export interface ChangedDecision {
  readonly decisionId: string;
  readonly input: DecisionInput;
  readonly recorded: DecisionOutcome;
  readonly simulated: DecisionOutcome;
  readonly reasons: readonly DecisionReason[];
}

export interface SimulationReport {
  readonly replayed: number;
  readonly changed: number;
  /** Every changed decision's id, in the order replayed. */
  readonly changedDecisionIds: readonly string[];
  /** The first `maxExamples` changed decisions, with the draft's reasons. */
  readonly examples: readonly ChangedDecision[];
}

export interface SimulationOptions {
  readonly maxExamples?: number;
}

/**
 * Replays recorded decisions against the current state with the organization's policy set replaced by
 * a draft, and reports the outcomes that would change. The draft is validated first (an invalid draft
 * throws PolicySetRejectedError). Each decision is replayed at its recorded time; freshness is not
 * judged, since a replay asks what the policies say, not whether the state was current.
 */
export function simulatePolicySet(
  state: PolicyState,
  orgId: string,
  draftPolicies: string,
  recorded: readonly RecordedDecision[],
  options: SimulationOptions = {},
): SimulationReport {
  validateOrgPolicySet(draftPolicies);
  const current = state.orgPolicySets.get(orgId);
  const draft: OrgPolicySet = { orgId, version: (current?.version ?? 0) + 1, policies: draftPolicies };
  const orgPolicySets = new Map(state.orgPolicySets);
  orgPolicySets.set(orgId, draft);
  const draftState: PolicyState = { ...state, orgPolicySets };
  const engine = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY });
  const maxExamples = options.maxExamples ?? 10;
  try {
    const changed: ChangedDecision[] = [];
    for (const record of recorded) {
      const replay = engine.decide(record.input, { ...draftState, asOf: record.input.context.time });
      if (replay.decision !== record.outcome) {
        changed.push({
          decisionId: record.decisionId,
          input: record.input,
          recorded: record.outcome,
          simulated: replay.decision,
          reasons: replay.reasons,
        });
      }
    }
    return {
      replayed: recorded.length,
      changed: changed.length,
      changedDecisionIds: changed.map((c) => c.decisionId),
      examples: changed.slice(0, maxExamples),
    };
  } finally {
    engine.dispose();
  }
}
