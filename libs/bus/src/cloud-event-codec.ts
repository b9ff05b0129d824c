import type { CloudEvent } from '@warden/contracts';

/** CloudEvents binary content mode (Kafka protocol binding): attributes as `ce_*` headers, `data` as the value. */
export const CE_ATTRIBUTES = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'orgid',
  'principalid',
  'correlationid',
  'causationid',
  'traceparent',
] as const;

export const CONTENT_TYPE_HEADER = 'content-type';
/** The header carrying the event's `type`: readable without decoding the message. */
export const TYPE_HEADER = 'ce_type';

export interface EncodedEvent {
  readonly value: string;
  readonly headers: Record<string, string>;
}

export function encodeCloudEvent(event: CloudEvent): EncodedEvent {
  const headers: Record<string, string> = { [CONTENT_TYPE_HEADER]: event.datacontenttype };
  for (const attribute of CE_ATTRIBUTES) {
    const value = event[attribute];
    if (value !== undefined) headers[`ce_${attribute}`] = value;
  }
  return { value: JSON.stringify(event.data), headers };
}

export type DecodeResult = { ok: true; candidate: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Rebuilds the envelope from headers and value. The result is only a candidate: it still has to pass the
 * schema registry. Fails only when the value is not JSON.
 */
export function decodeCloudEvent(headers: Readonly<Record<string, string>>, value: string): DecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch (error) {
    return {
      ok: false,
      reason: `value is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const candidate: Record<string, unknown> = {};
  for (const attribute of CE_ATTRIBUTES) {
    const header = headers[`ce_${attribute}`];
    if (header !== undefined) candidate[attribute] = header;
  }
  const contentType = headers[CONTENT_TYPE_HEADER];
  if (contentType !== undefined) candidate.datacontenttype = contentType.split(';')[0]?.trim();
  candidate.data = data;
  return { ok: true, candidate };
}
