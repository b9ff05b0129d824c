import type { CloudEvent } from '@warden/contracts';

export const EVENTS_TABLE = 'events';

/** One row of the `events` table (schemas/clickhouse/0001_events.sql). */
export interface EventRow {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject: string;
  /** ClickHouse DateTime64(3) text in UTC: `YYYY-MM-DD hh:mm:ss.sss`. */
  readonly time: string;
  readonly orgid: string;
  readonly principalid: string;
  readonly correlationid: string;
  readonly causationid: string;
  readonly traceparent: string;
  /** The event's `data` as JSON text. */
  readonly data: string;
  readonly topic: string;
  readonly ingested_at: string;
}

/** RFC 3339 → ClickHouse DateTime64(3) text, read back identically by both adapters. */
export function toClickHouseTime(time: Date | string): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: ${String(time)}`);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A CloudEvent as the row the raw trail stores; absent extension attributes become ''. */
export function toEventRow(event: CloudEvent, topic: string, ingestedAt: Date): EventRow {
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: toClickHouseTime(event.time),
    orgid: event.orgid,
    principalid: event.principalid ?? '',
    correlationid: event.correlationid ?? '',
    causationid: event.causationid ?? '',
    traceparent: event.traceparent ?? '',
    data: JSON.stringify(event.data),
    topic,
    ingested_at: toClickHouseTime(ingestedAt),
  };
}
