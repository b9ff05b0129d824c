/** Tunables of the policy service; defaults suit production, tests shorten them. */
export interface PolicyOptions {
  /** Decisions fail closed (`stale_state`) when the projection was last known current longer ago than this. */
  readonly maxStalenessMs: number;
  /** How often the feed checks the bus is reachable while no event arrives. */
  readonly heartbeatMs: number;
  /** No event for this long while the bus answers → the projection counts as current. */
  readonly idleMs: number;
  /**
   * How long a write naming a guardrail profile this process has not seen waits for it to arrive from
   * `warden.guardrails.v1` before it is refused (`guardrail_profile_not_found`).
   */
  readonly guardrailProfileWaitMs: number;
}

export const DEFAULT_POLICY_OPTIONS: PolicyOptions = {
  maxStalenessMs: 10_000,
  heartbeatMs: 1_000,
  idleMs: 300,
  guardrailProfileWaitMs: 2_000,
};

export const POLICY_OPTIONS = Symbol('POLICY_OPTIONS');
