import { Injectable } from '@nestjs/common';
import type { DecisionContext, DecisionOutcome, DecisionReason, Obligations } from '@warden/policy-engine';
import { newId } from '@warden/event-sourcing';
import { PolicyProjection } from '../../projection/policy-projection';
import type { DecisionCaller } from '../decision-caller.port';
import { DecisionEngineHolder } from '../decision-engine.provider';
import type { DecideRequestDto } from './decide.request.dto';

export interface DecisionResponse {
  readonly decision: DecisionOutcome;
  readonly reasons: readonly DecisionReason[];
  readonly obligations: Obligations;
  readonly decisionId: string;
  readonly policyVersion: string;
}

/**
 * The decision API (PDP) on the local projection. The principal is the API key's, never one named in the body;
 * a caller-supplied trust score is not accepted (the trust projection is the only source; absent counts as 0).
 */
@Injectable()
export class DecideHandler {
  constructor(
    private readonly projection: PolicyProjection,
    private readonly holder: DecisionEngineHolder,
  ) {}

  execute(caller: DecisionCaller, request: DecideRequestDto, now: number): DecisionResponse {
    const c = request.context;
    const context: DecisionContext = {
      time: now,
      ...(c?.model !== undefined ? { model: c.model } : {}),
      ...(c?.tool !== undefined ? { tool: c.tool } : {}),
      ...(c?.estimatedCost !== undefined ? { estimatedCost: c.estimatedCost } : {}),
      ...(c?.findings !== undefined ? { findings: c.findings } : {}),
    };
    const decision = this.holder.engine.decide(
      {
        principalId: caller.principalId,
        action: request.action,
        resourceId: request.resourceId,
        target: request.target,
        ...(request.arguments !== undefined ? { arguments: request.arguments } : {}),
        context,
      },
      this.projection.state,
    );
    return {
      decision: decision.decision,
      reasons: decision.reasons,
      obligations: decision.obligations,
      decisionId: newId('dec'),
      policyVersion: decision.policyVersion,
    };
  }
}
