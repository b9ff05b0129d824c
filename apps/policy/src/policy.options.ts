/** Tunables of the policy service; defaults suit production, tests shorten them. */
export interface PolicyOptions {
  /** Decisions fail closed (`stale_state`) when the projection was last known current longer ago than this. */
  readonly maxStalenessMs: number;
  /** How often the feed checks the bus is reachable while no event arrives. */
  readonly heartbeatMs: number;
  /** No event for this long while the bus answers → the projection counts as current. */
  readonly idleMs: number;
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = {
  maxStalenessMs: 10_000,
  heartbeatMs: 1_000,
  idleMs: 300,
};

export const POLICY_OPTIONS = Symbol('POLICY_OPTIONS');
