import type { PolicyState } from '../projection/policy-state';
import type { Decision } from './decision-types';

/**
 * A decision taken on state older than the bound (or never synchronized) fails closed: `stale_state`.
 * A connection that fails open keeps its allow or approval, with the staleness said in its reasons.
 */
export function boundedByStaleness(
  decision: Decision,
  state: PolicyState,
  now: number,
  maxStalenessMs: number,
): Decision {
  const age = state.asOf === undefined ? undefined : now - state.asOf;
  if (age !== undefined && age <= maxStalenessMs) return decision;
  const staleness =
    age === undefined
      ? 'the policy state has never been synchronized'
      : `the policy state is ${age} ms old, beyond the ${maxStalenessMs} ms bound`;
  const connection =
    decision.connectionId !== undefined ? state.connections.get(decision.connectionId) : undefined;
  if (decision.decision !== 'deny' && connection?.failMode === 'open') {
    return {
      ...decision,
      reasons: [
        ...decision.reasons,
        { code: 'stale_state', message: `${staleness}; the connection fails open` },
      ],
    };
  }
  return {
    decision: 'deny',
    reasons: [{ code: 'stale_state', message: `${staleness}: failing closed` }],
    obligations: {},
    policyVersion: decision.policyVersion,
    ...(decision.connectionId !== undefined && { connectionId: decision.connectionId }),
  };
}
