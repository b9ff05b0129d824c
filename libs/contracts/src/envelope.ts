/**
 * CloudEvents 1.0 envelope with Warden's extension attributes (DESIGN §3).
 * On Kafka it travels in binary content mode: attributes as `ce_*` headers, `data` as the JSON value.
 */
export interface CloudEvent<TType extends string = string, TData = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: TType;
  readonly time: string;
  /** The aggregate (stream) id the event belongs to; also the Kafka message key. */
  readonly subject: string;
  readonly datacontenttype: 'application/json';
  readonly data: TData;
  readonly orgid: string;
  readonly principalid?: string;
  readonly correlationid?: string;
  readonly causationid?: string;
  readonly traceparent?: string;
}

export const EXTENSION_ATTRIBUTES = [
  'orgid',
  'principalid',
  'correlationid',
  'causationid',
  'traceparent',
] as const;
export const CORE_ATTRIBUTES = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
] as const;

export interface EnvelopeInput<TType extends string, TData> {
  id: string;
  source: string;
  type: TType;
  time: Date | string;
  subject: string;
  data: TData;
  orgid: string;
  principalid?: string;
  correlationid?: string;
  causationid?: string;
  traceparent?: string;
}

/** Builds an envelope; the clock and the id come in as arguments so callers stay deterministic. */
export function envelope<TType extends string, TData>(
  input: EnvelopeInput<TType, TData>,
): CloudEvent<TType, TData> {
  const { time, ...rest } = input;
  const optional = Object.fromEntries(
    (['principalid', 'correlationid', 'causationid', 'traceparent'] as const)
      .filter((k) => rest[k] !== undefined)
      .map((k) => [k, rest[k]]),
  );
  return {
    specversion: '1.0',
    id: rest.id,
    source: rest.source,
    type: rest.type,
    time: typeof time === 'string' ? time : time.toISOString(),
    subject: rest.subject,
    datacontenttype: 'application/json',
    data: rest.data,
    orgid: rest.orgid,
    ...optional,
  };
}
