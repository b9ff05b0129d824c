import { BatchingPublisher, type Bus } from '@warden/bus';
import { TOPICS, decisionRecordEvents, type CloudEvent, type DecisionRecordedV1 } from '@warden/contracts';
import type { DecisionOutcome, DecisionReason, OperationAction } from '@warden/policy-engine';
import type { DecisionCaller } from './decision-caller.port';

export interface DecisionToRecord {
  readonly decisionId: string;
  readonly requestId: string;
  readonly caller: DecisionCaller;
  readonly resourceId: string;
  readonly action: OperationAction;
  readonly target: string;
  readonly outcome: DecisionOutcome;
  readonly reasons: readonly DecisionReason[];
  readonly policyVersion: string;
  readonly connectionId?: string;
  readonly decidedAt: Date;
  readonly durationMs: number;
}

/** The `warden.decisions.decision.recorded.v1` event of a decision taken by the policy service's decision API. */
export function decisionRecord(d: DecisionToRecord, source: string): CloudEvent {
  const data: DecisionRecordedV1 = {
    decisionId: d.decisionId,
    requestId: d.requestId.slice(0, 128),
    mode: 'decision_api',
    surface: 'decision_api',
    organizationId: d.caller.orgId,
    principalId: d.caller.principalId,
    resourceId: d.resourceId,
    ...(d.connectionId !== undefined && { connectionId: d.connectionId }),
    action: d.action,
    target: d.target,
    outcome: d.outcome,
    reasonCode: d.reasons[0]?.code ?? (d.outcome === 'allow' ? 'permitted' : 'forbidden'),
    reasons: d.reasons.slice(0, 20).map((r) => ({
      code: r.code,
      message: r.message.slice(0, 4096),
      ...(r.policyIds !== undefined && { policyIds: r.policyIds.slice(0, 100) }),
    })),
    policyVersion: d.policyVersion,
    stages: [
      { stage: 'authenticate', status: 'passed' },
      { stage: 'authorize', status: d.outcome === 'allow' ? 'passed' : 'denied' },
      { stage: 'record', status: 'passed' },
    ],
    decidedAt: d.decidedAt.toISOString(),
    durationMs: d.durationMs,
  };
  const [event] = decisionRecordEvents(data, undefined, {
    source,
    time: d.decidedAt,
    orgid: d.caller.orgId,
    principalid: d.caller.principalId,
  });
  return event;
}

/**
 * Every answer of the decision API is recorded on `warden.decisions.v1` before it is returned, like the
 * ingress's: group-committed, so concurrent decisions share a publish.
 */
export class DecisionRecorder {
  private readonly publisher: BatchingPublisher;

  constructor(
    bus: Pick<Bus, 'publish'>,
    private readonly source: string,
  ) {
    this.publisher = new BatchingPublisher(bus, TOPICS.decisions, { maxInFlight: 2 });
  }

  record(decision: DecisionToRecord): Promise<void> {
    return this.publisher.publish([
      { key: decision.decisionId, event: decisionRecord(decision, this.source) },
    ]);
  }
}
