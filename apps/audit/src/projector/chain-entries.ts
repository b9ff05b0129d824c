import type { EventRow } from '@warden/analytics';
import { chainHash, eventHash, GENESIS_HASH } from './event-hash';

/** One row of `audit_chain` (schemas/clickhouse/0002_audit_chain.sql). */
export interface ChainRow {
  readonly orgid: string;
  readonly chain: string;
  readonly seq: number;
  readonly event_id: string;
  readonly event_time: string;
  readonly event_hash: string;
  readonly prev_hash: string;
  readonly chain_hash: string;
  readonly recorded_at: string;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export interface ChainedEvent {
  readonly chain: string;
  readonly row: EventRow;
  /** `eventHash(row)`, when computed beforehand. */
  readonly hash?: string;
}

export const headKey = (orgid: string, chain: string): string => `${orgid}\u0000${chain}`;

/**
 * Appends events to their (organization, chain) hash chains, in the order given. Pure: the heads come in,
 * the rows and the new heads go out.
 */
export function appendToChains(
  events: readonly ChainedEvent[],
  heads: ReadonlyMap<string, ChainHead>,
  recordedAt: string,
): { rows: ChainRow[]; heads: Map<string, ChainHead> } {
  const next = new Map(heads);
  const rows = events.map(({ chain, row, hash: computed }) => {
    const key = headKey(row.orgid, chain);
    const head = next.get(key) ?? { seq: 0, hash: GENESIS_HASH };
    const hash = computed ?? eventHash(row);
    const link = chainHash(head.hash, hash);
    next.set(key, { seq: head.seq + 1, hash: link });
    return {
      orgid: row.orgid,
      chain,
      seq: head.seq + 1,
      event_id: row.id,
      event_time: row.time,
      event_hash: hash,
      prev_hash: head.hash,
      chain_hash: link,
      recorded_at: recordedAt,
    };
  });
  return { rows, heads: next };
}
