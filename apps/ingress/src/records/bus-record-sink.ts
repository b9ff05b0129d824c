import { TOPICS, envelope } from '@warden/contracts';
import type { Bus, OutgoingMessage } from '@warden/bus';
import type { IngressRecords, RecordSink } from '../pipeline/ports/record-sink.port';

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  resolve(): void;
  reject(error: unknown): void;
}

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
 * Publishes request records on warden.decisions.v1, micro-batched: requests arriving while publishes are
 * in flight share the next one, and up to `maxInFlight` publishes overlap (records of different
 * requests have different keys, so no ordering is at stake). Each caller's promise resolves only once
 * its batch is durable.
 */
export class BusRecordSink implements RecordSink {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly bus: Pick<Bus, 'publish'>,
    private readonly options: {
      readonly maxBatch?: number;
      readonly maxInFlight?: number;
      readonly clock?: () => Date;
      readonly topic?: string;
    } = {},
  ) {}

  record(records: IngressRecords): Promise<void> {
    const messages = recordMessages(records, (this.options.clock ?? (() => new Date()))());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const maxInFlight = this.options.maxInFlight ?? 16;
    const maxBatch = this.options.maxBatch ?? 500;
    while (this.queue.length > 0 && this.inFlight < maxInFlight) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight += 1;
      this.bus
        .publish(
          this.options.topic ?? TOPICS.decisions,
          batch.flatMap((p) => p.messages),
        )
        .then(
          () => batch.forEach((p) => p.resolve()),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
