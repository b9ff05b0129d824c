import { TOPICS, decisionRecordEvents } from '@warden/contracts';
import {
  BatchingPublisher,
  type BatchingPublisherOptions,
  type Bus,
  type OutgoingMessage,
} from '@warden/bus';
import type { IngressRecords, RecordSink } from '../pipeline/ports/record-sink.port';

export const INGRESS_SOURCE = 'warden.ingress';

/** The CloudEvents of one request's records, keyed by the decision id. */
export function recordMessages(records: IngressRecords, now: Date): OutgoingMessage[] {
  return decisionRecordEvents(records.decision, records.usage, {
    source: INGRESS_SOURCE,
    time: now,
    orgid: records.orgId,
    ...(records.principalId !== undefined && { principalid: records.principalId }),
    ...(records.traceparent !== undefined && { traceparent: records.traceparent }),
  }).map((event) => ({ key: records.decision.decisionId, event }));
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
