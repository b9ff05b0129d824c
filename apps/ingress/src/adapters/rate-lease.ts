import type { WindowCounts } from './rate-check';

/** How long leased slots stay usable: also the bound on how stale the window's token count can be. */
export const LEASE_TTL_MS = 250;
/** A lease covers about this share of a second of the connection's recent traffic. */
const LEASE_SECONDS = 0.1;
/** At most this share of a requests/min limit is leased at once, so replicas strand little of it. */
const LEASE_SHARE_OF_LIMIT = 0.05;
const MAX_LEASE = 256;

/**
 * How many request slots to take in one round trip: one at low rates (every request counted in the shared
 * row, exactly as without leases), more when the connection is busy, never more than a small share of its
 * requests/min limit.
 */
export function leaseTarget(requestsLastSecond: number, requestsPerMinute: number | undefined): number {
  const byRate = Math.floor(requestsLastSecond * LEASE_SECONDS);
  const byLimit =
    requestsPerMinute === undefined ? MAX_LEASE : Math.floor(requestsPerMinute * LEASE_SHARE_OF_LIMIT);
  return Math.max(1, Math.min(byRate, byLimit, MAX_LEASE));
}

/** Requests per connection in the last whole second, counted locally. */
export class RequestRate {
  private readonly seconds = new Map<string, { second: number; current: number; previous: number }>();

  /** Counts one request at `nowMs` and answers the count of the previous second. */
  hit(connectionId: string, nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    const entry = this.seconds.get(connectionId);
    if (entry === undefined) {
      this.seconds.set(connectionId, { second, current: 1, previous: 0 });
      return 0;
    }
    if (entry.second !== second) {
      entry.previous = entry.second === second - 1 ? entry.current : 0;
      entry.second = second;
      entry.current = 0;
    }
    entry.current += 1;
    return entry.previous;
  }

  /** The count of the second before `nowMs`'s, without counting anything. */
  previous(connectionId: string, nowMs: number): number {
    const entry = this.seconds.get(connectionId);
    if (entry === undefined) return 0;
    const second = Math.floor(nowMs / 1000);
    if (entry.second === second) return entry.previous;
    return entry.second === second - 1 ? entry.current : 0;
  }
}

/** Slots one process leased from a connection's shared window, with the window's token count at lease time. */
export interface LeasedSlots {
  slots: number;
  /** The window's request limit was reached when this lease was taken: refuse locally until it expires. */
  readonly exhausted: boolean;
  /** Requests counted in the window's row once this lease was taken. */
  readonly requests: number;
  /** Tokens of the window as the lease saw them, plus what this process consumed since. */
  tokens: number;
  /** The previous window's counts, of which the sliding window still counts a decaying share. */
  readonly previous: WindowCounts;
  readonly leasedAtMs: number;
}

export function usable(lease: LeasedSlots | undefined, nowMs: number): lease is LeasedSlots {
  return lease !== undefined && lease.slots > 0 && nowMs - lease.leasedAtMs < LEASE_TTL_MS;
}

export function exhausted(lease: LeasedSlots | undefined, nowMs: number): lease is LeasedSlots {
  return (
    lease !== undefined && lease.exhausted && lease.slots === 0 && nowMs - lease.leasedAtMs < LEASE_TTL_MS
  );
}
