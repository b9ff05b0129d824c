import { hash } from 'node:crypto';
import type { EventRow } from '@warden/analytics';

/** The stored fields an event's hash covers: everything of the envelope, as `events` keeps it. */
export type HashedFields = Pick<
  EventRow,
  | 'id'
  | 'type'
  | 'source'
  | 'subject'
  | 'time'
  | 'orgid'
  | 'principalid'
  | 'correlationid'
  | 'causationid'
  | 'traceparent'
  | 'data'
>;

export const GENESIS_HASH = '';

// One-shot hashing: the same digest as createHash().update().digest(), without a Hash object per call.
const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** SHA-256 of the event's canonical form (a JSON array in a fixed field order: no key-order ambiguity). */
export function eventHash(row: HashedFields): string {
  return sha256(
    JSON.stringify([
      row.id,
      row.type,
      row.source,
      row.subject,
      row.time,
      row.orgid,
      row.principalid,
      row.correlationid,
      row.causationid,
      row.traceparent,
      row.data,
    ]),
  );
}

/** The link of one chain entry: binds the entry to every entry before it. */
export function chainHash(prevHash: string, eventHashHex: string): string {
  return sha256(`${prevHash}:${eventHashHex}`);
}
