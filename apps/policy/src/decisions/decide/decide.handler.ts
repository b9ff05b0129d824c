import { Injectable } from '@nestjs/common';
import type { DecisionContext, DecisionOutcome, DecisionReason, Obligations } from '@warden/policy-engine';
import { newId } from '@warden/event-sourcing';
import { PolicyProjection } from '../../projection/policy-projection';
import type { DecisionCaller } from '../decision-caller.port';
import { DecisionEngineHolder } from '../decision-engine.provider';
import { DecisionRecorder } from '../decision-recorder';
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
 * The decision is recorded (durably, on the decisions topic) before it is answered.
 */
@Injectable()
export class DecideHandler {
  constructor(
    private readonly projection: PolicyProjection,
    private readonly holder: DecisionEngineHolder,
    private readonly recorder: DecisionRecorder,
  ) {}

  async execute(
    caller: DecisionCaller,
    request: DecideRequestDto,
    received: { readonly now: number; readonly requestId: string },
  ): Promise<DecisionResponse> {
    const now = received.now;
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
    const decisionId = newId('dec');
    await this.recorder.record({
      decisionId,
      requestId: received.requestId,
      caller,
      resourceId: request.resourceId,
      action: request.action,
      target: request.target,
      outcome: decision.decision,
      reasons: decision.reasons,
      policyVersion: decision.policyVersion,
      ...(decision.connectionId !== undefined && { connectionId: decision.connectionId }),
      decidedAt: new Date(now),
      durationMs: Math.max(0, Date.now() - now),
    });
    return {
      decision: decision.decision,
      reasons: decision.reasons,
      obligations: decision.obligations,
      decisionId,
      policyVersion: decision.policyVersion,
    };
  }
}
