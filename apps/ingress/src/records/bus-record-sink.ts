import { TOPICS, envelope } from '@warden/contracts';
import {
  BatchingPublisher,
  type BatchingPublisherOptions,
  type Bus,
  type OutgoingMessage,
} from '@warden/bus';
import type { IngressRecords, RecordSink } from '../pipeline/ports/record-sink.port';

export const INGRESS_SOURCE = 'warden.ingress';

/** The CloudEvents of one request's records; ids derive from the decision id, so a retry is deduplicated. */
export function recordMessages(records: IngressRecords, now: Date): OutgoingMessage[] {
  const common = {
    source: INGRESS_SOURCE,
    time: now,
    subject: records.decision.decisionId,
    orgid: records.orgId,
    correlationid: records.decision.requestId,
    ...(records.principalId !== undefined && { principalid: records.principalId }),
    ...(records.traceparent !== undefined && { traceparent: records.traceparent }),
  };
  const key = records.decision.decisionId;
  const out: OutgoingMessage[] = [
    {
      key,
      event: envelope({
        ...common,
        id: `${key}.decision`,
        type: 'warden.decisions.decision.recorded.v1',
        data: records.decision,
      }),
    },
  ];
  if (records.usage !== undefined) {
    out.push({
      key,
      event: envelope({
        ...common,
        id: `${key}.usage`,
        type: 'warden.decisions.usage.recorded.v1',
        data: records.usage,
      }),
    });
  }
  return out;
}

/**
 * Publishes request records on warden.decisions.v1, group-committed (records of different requests have
 * different keys, so no ordering is at stake). Each caller's promise resolves only once its records are durable.
 */
export class BusRecordSink implements RecordSink {
  private readonly publisher: BatchingPublisher;

  constructor(
    bus: Pick<Bus, 'publish'>,
    private readonly options: BatchingPublisherOptions & {
      readonly clock?: () => Date;
      readonly topic?: string;
    } = {},
  ) {
    this.publisher = new BatchingPublisher(bus, options.topic ?? TOPICS.decisions, options);
  }

  record(records: IngressRecords): Promise<void> {
    return this.publisher.publish(recordMessages(records, (this.options.clock ?? (() => new Date()))()));
  }
}
