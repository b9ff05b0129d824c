import {
  byTimeThenId,
  evolveCredentials,
  EMPTY_CREDENTIAL_STATE,
  type CredentialState,
  type HistoryEvent,
} from './credentials-replay';

/**
 * Principals that could access `resourceId` at some instant of [from, to]: a live connection to the resource
 * existed for a non-revoked principal. Pure: replays the history, checking the state at `from` and after every
 * event inside the window (a grant given and withdrawn inside the window counts).
 */
export function principalsWithAccess(
  history: readonly HistoryEvent[],
  resourceId: string,
  from: string,
  to: string,
): Set<string> {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const found = new Set<string>();
  const collect = (state: CredentialState, at: number) => {
    for (const connection of state.connections.values()) {
      if (connection.revoked || connection.resourceId !== resourceId) continue;
      if (connection.expiresAt !== undefined && Date.parse(connection.expiresAt) <= at) continue;
      const principal = state.principals.get(connection.principalId);
      if (principal?.status === 'revoked') continue;
      found.add(connection.principalId);
    }
  };
  let state = EMPTY_CREDENTIAL_STATE;
  let collectedAtFrom = false;
  for (const event of [...history].sort(byTimeThenId)) {
    const time = Date.parse(event.time);
    if (time > toMs) break;
    if (time >= fromMs && !collectedAtFrom) {
      collect(state, fromMs);
      collectedAtFrom = true;
    }
    state = evolveCredentials(state, event);
    if (time >= fromMs) collect(state, time);
  }
  if (!collectedAtFrom) collect(state, fromMs);
  return found;
}
