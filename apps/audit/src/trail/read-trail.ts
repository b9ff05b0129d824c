import { EVENTS_TABLE, type AnalyticsClient } from '@warden/analytics';
import { CHAIN_TABLE } from '../projector/audit-projector';
import type { HashedFields } from '../projector/event-hash';
import type { TrailEntry } from './verify-chain';

interface JoinedRow extends HashedFields {
  readonly chain: string;
  readonly seq: string;
  readonly event_id: string;
  readonly event_hash: string;
  readonly prev_hash: string;
  readonly chain_hash: string;
}

export interface TrailWindow {
  readonly orgId: string;
  /** Bounds on when entries were recorded into the trail (inclusive); undefined = unbounded. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * Reads an organization's chain entries with their stored events, sorted by (chain, seq). Every `events`
 * row under an entry's id comes back (FINAL collapses only identical sort keys, so an altered copy with a
 * changed time or type shows up as a second row and fails verification).
 */
export async function readTrail(client: AnalyticsClient, window: TrailWindow): Promise<TrailEntry[]> {
  const result = await client.query({
    query: `
      SELECT c.chain AS chain, c.seq AS seq, c.event_id AS event_id, c.event_hash AS event_hash,
             c.prev_hash AS prev_hash, c.chain_hash AS chain_hash,
             e.id AS id, e.type AS type, e.source AS source, e.subject AS subject, e.time AS time,
             e.orgid AS orgid, e.principalid AS principalid, e.correlationid AS correlationid,
             e.causationid AS causationid, e.traceparent AS traceparent, e.data AS data
      FROM (
        SELECT * FROM ${CHAIN_TABLE} FINAL
        WHERE orgid = {org:String}
          AND recorded_at >= {from:DateTime64(3, 'UTC')} AND recorded_at <= {to:DateTime64(3, 'UTC')}
      ) AS c
      LEFT JOIN (
        SELECT id, type, source, subject, toString(time) AS time, orgid, principalid, correlationid,
               causationid, traceparent, data
        FROM ${EVENTS_TABLE} FINAL WHERE orgid = {org:String}
      ) AS e ON e.id = c.event_id
      ORDER BY chain, seq`,
    query_params: {
      org: window.orgId,
      from: window.from ?? '1970-01-01 00:00:00.000',
      to: window.to ?? '2299-12-31 23:59:59.999',
    },
    format: 'JSONEachRow',
  });
  const entries: TrailEntry[] = [];
  for (const row of await result.json<JoinedRow>()) {
    const seq = Number(row.seq);
    const last = entries[entries.length - 1];
    const event: HashedFields | undefined =
      row.id === ''
        ? undefined
        : {
            id: row.id,
            type: row.type,
            source: row.source,
            subject: row.subject,
            time: row.time,
            orgid: row.orgid,
            principalid: row.principalid,
            correlationid: row.correlationid,
            causationid: row.causationid,
            traceparent: row.traceparent,
            data: row.data,
          };
    if (last && last.chain === row.chain && last.seq === seq) {
      if (event) (last.events as HashedFields[]).push(event);
      continue;
    }
    entries.push({
      chain: row.chain,
      seq,
      eventId: row.event_id,
      eventHash: row.event_hash,
      prevHash: row.prev_hash,
      chainHash: row.chain_hash,
      events: event ? [event] : [],
    });
  }
  return entries;
}
