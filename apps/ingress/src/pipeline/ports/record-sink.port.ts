import type { DecisionRecordedV1, UsageRecordedV1 } from '@warden/contracts';

export interface IngressRecords {
  readonly orgId: string;
  readonly principalId?: string;
  readonly traceparent?: string;
  readonly decision: DecisionRecordedV1;
  readonly usage?: UsageRecordedV1;
}

/** Resolves once the records are durable (published on warden.decisions.v1). */
export interface RecordSink {
  record(records: IngressRecords): Promise<void>;
}

export const RECORD_SINK = Symbol('RECORD_SINK');
