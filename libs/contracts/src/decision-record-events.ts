import { envelope, type CloudEvent } from './envelope';
import type { DecisionRecordedV1, UsageRecordedV1 } from './events/decisions.events';

export interface DecisionRecordOrigin {
  /** The producing service, e.g. `warden.ingress`. */
  readonly source: string;
  readonly time: Date;
  readonly orgid: string;
  readonly principalid?: string;
  readonly traceparent?: string;
}

/**
 * The events of one decision on `warden.decisions.v1`: its decision record and, when it reached upstream, its
 * usage record. Ids derive from the decision id (`<decisionId>.decision`, `.usage`) and the subject is the
 * decision id, so a retried publish is recognised and dropped by every consumer; publish them keyed by it.
 */
export function decisionRecordEvents(
  decision: DecisionRecordedV1,
  usage: UsageRecordedV1 | undefined,
  origin: DecisionRecordOrigin,
): CloudEvent[] {
  const common = {
    source: origin.source,
    time: origin.time,
    subject: decision.decisionId,
    orgid: origin.orgid,
    correlationid: decision.requestId,
    ...(origin.principalid !== undefined && { principalid: origin.principalid }),
    ...(origin.traceparent !== undefined && { traceparent: origin.traceparent }),
  };
  const events: CloudEvent[] = [
    envelope({
      ...common,
      id: `${decision.decisionId}.decision`,
      type: 'warden.decisions.decision.recorded.v1',
      data: decision,
    }),
  ];
  if (usage !== undefined) {
    events.push(
      envelope({
        ...common,
        id: `${decision.decisionId}.usage`,
        type: 'warden.decisions.usage.recorded.v1',
        data: usage,
      }),
    );
  }
  return events;
}
