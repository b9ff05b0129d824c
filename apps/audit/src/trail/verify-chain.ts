import { chainHash, eventHash, GENESIS_HASH, type HashedFields } from '../projector/event-hash';

/** One `audit_chain` entry with the `events` row(s) stored under its event id (none if it was deleted). */
export interface TrailEntry {
  readonly chain: string;
  readonly seq: number;
  readonly eventId: string;
  readonly eventHash: string;
  readonly prevHash: string;
  readonly chainHash: string;
  readonly events: readonly HashedFields[];
}

export type BreakReason = 'sequence_gap' | 'link_broken' | 'event_missing' | 'event_altered';

export interface TrailBreak {
  readonly chain: string;
  readonly seq: number;
  readonly eventId: string;
  /** 1-based position of the broken entry in the walk (chains in name order, each by seq). */
  readonly position: number;
  readonly reason: BreakReason;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBreak?: TrailBreak;
}

function breakOf(entry: TrailEntry, previous: TrailEntry | undefined): BreakReason | undefined {
  const continues = previous !== undefined && previous.chain === entry.chain;
  if (continues && entry.seq !== previous.seq + 1) return 'sequence_gap';
  if (!continues && entry.seq === 1 && entry.prevHash !== GENESIS_HASH) return 'link_broken';
  // A chain's first entry inside a time window anchors on its stored prev_hash; from genesis it must be ''.
  if (continues && entry.prevHash !== previous.chainHash) return 'link_broken';
  if (chainHash(entry.prevHash, entry.eventHash) !== entry.chainHash) return 'link_broken';
  if (entry.events.length === 0) return 'event_missing';
  if (entry.events.some((event) => event.id !== entry.eventId || eventHash(event) !== entry.eventHash))
    return 'event_altered';
  return undefined;
}

/**
 * Walks chain entries sorted by (chain, seq) and recomputes every event hash and link. Pure; stops at the
 * first break (everything after it is unverifiable by construction).
 */
export function verifyChain(entries: readonly TrailEntry[]): VerifyResult {
  let previous: TrailEntry | undefined;
  let checked = 0;
  for (const entry of entries) {
    checked++;
    const reason = breakOf(entry, previous);
    if (reason) {
      return {
        ok: false,
        checked,
        firstBreak: { chain: entry.chain, seq: entry.seq, eventId: entry.eventId, position: checked, reason },
      };
    }
    previous = entry;
  }
  return { ok: true, checked };
}
