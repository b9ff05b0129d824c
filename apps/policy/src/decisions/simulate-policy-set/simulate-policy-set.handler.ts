import { Injectable } from '@nestjs/common';
import {
  simulatePolicySet,
  type DecisionContext,
  type RecordedDecision,
  type SimulationReport,
} from '@warden/policy-engine';
import { NotFoundError } from '@warden/platform';
import { toHttpError } from '../../application/to-http-error';
import { PolicyProjection } from '../../projection/policy-projection';
import type { RecordedDecisionDto, SimulatePolicySetRequestDto } from './simulate-policy-set.request.dto';

function contextOf(d: RecordedDecisionDto): DecisionContext {
  const c = d.context;
  return {
    time: Date.parse(d.time),
    ...(c?.model !== undefined ? { model: c.model } : {}),
    ...(c?.tool !== undefined ? { tool: c.tool } : {}),
    ...(c?.estimatedCost !== undefined ? { estimatedCost: c.estimatedCost } : {}),
    ...(c?.trustScore !== undefined ? { trustScore: c.trustScore } : {}),
    ...(c?.findings !== undefined ? { findings: c.findings } : {}),
  };
}

/**
 * Replays recorded decisions in the window [from, to) against the current state with the org's policy set
 * replaced by the draft, and reports the outcomes that would change. Nothing is published.
 */
@Injectable()
export class SimulatePolicySetHandler {
  constructor(private readonly projection: PolicyProjection) {}

  execute(orgId: string, request: SimulatePolicySetRequestDto): SimulationReport {
    const state = this.projection.state;
    const from = request.from !== undefined ? Date.parse(request.from) : Number.NEGATIVE_INFINITY;
    const to = request.to !== undefined ? Date.parse(request.to) : Number.POSITIVE_INFINITY;
    const recorded: RecordedDecision[] = [];
    for (const d of request.decisions) {
      // Another organization's objects are not found, as if absent.
      const resource = state.resources.get(d.resourceId);
      const principal = state.principals.get(d.principalId);
      if (
        (resource !== undefined && resource.orgId !== orgId) ||
        (principal !== undefined && principal.orgId !== orgId)
      ) {
        throw new NotFoundError(`Decision ${d.decisionId} names an object that does not exist.`, 'not_found');
      }
      const time = Date.parse(d.time);
      if (time < from || time >= to) continue;
      recorded.push({
        decisionId: d.decisionId,
        outcome: d.decision,
        input: {
          principalId: d.principalId,
          action: d.action,
          resourceId: d.resourceId,
          target: d.target,
          ...(d.arguments !== undefined ? { arguments: d.arguments } : {}),
          context: contextOf(d),
        },
      });
    }
    try {
      return simulatePolicySet(state, orgId, request.policies, recorded);
    } catch (error) {
      throw toHttpError(error);
    }
  }
}
