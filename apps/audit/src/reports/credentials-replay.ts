/** An event of an organization's identity/policy history, as the credentials and access reports read it. */
export interface HistoryEvent {
  readonly id: string;
  readonly type: string;
  /** RFC 3339. */
  readonly time: string;
  readonly data: unknown;
}

export interface CredentialKey {
  readonly id: string;
  readonly prefix: string;
  readonly expiresAt?: string;
}

export interface CredentialOperation {
  readonly resourceId: string;
  readonly action: string;
  readonly target: string;
}

export interface CredentialItem {
  readonly principalId: string;
  readonly kind: string;
  readonly status: string;
  readonly keys: CredentialKey[];
  readonly operations: CredentialOperation[];
}

interface KeyState {
  readonly principalId: string;
  readonly prefix: string;
  readonly expiresAt?: string;
  readonly revoked: boolean;
  readonly graceEndsAt?: string;
}

interface ConnectionState {
  readonly principalId: string;
  readonly resourceId: string;
  readonly operations: CredentialOperation[];
  readonly expiresAt?: string;
  readonly revoked: boolean;
}

export interface CredentialState {
  readonly principals: ReadonlyMap<string, { readonly kind: string; readonly status: string }>;
  readonly keys: ReadonlyMap<string, KeyState>;
  readonly connections: ReadonlyMap<string, ConnectionState>;
}

export const EMPTY_CREDENTIAL_STATE: CredentialState = {
  principals: new Map(),
  keys: new Map(),
  connections: new Map(),
};

/** The identity and policy event types the replay understands (shapes: libs/contracts events). */
export const CREDENTIAL_EVENT_TYPES = [
  'warden.identity.principal.registered.v1',
  'warden.identity.principal.suspended.v1',
  'warden.identity.principal.reactivated.v1',
  'warden.identity.principal.revoked.v1',
  'warden.identity.key.issued.v1',
  'warden.identity.key.rotated.v1',
  'warden.identity.key.revoked.v1',
  'warden.policy.connection.created.v1',
  'warden.policy.connection.updated.v1',
  'warden.policy.connection.revoked.v1',
] as const;

function record(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

function text(data: Record<string, unknown>, name: string): string | undefined {
  const value = data[name];
  return typeof value === 'string' ? value : undefined;
}

function operationsOf(data: Record<string, unknown>, resourceId: string): CredentialOperation[] {
  const list = data['operations'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const op = record(entry);
    const action = text(op, 'action');
    return action === undefined ? [] : [{ resourceId, action, target: text(op, 'target') ?? '*' }];
  });
}

/** evolve(state, event): one event of the history applied to the credential state. */
export function evolveCredentials(state: CredentialState, event: HistoryEvent): CredentialState {
  const data = record(event.data);
  const principalId = text(data, 'principalId');
  const principals = new Map(state.principals);
  const keys = new Map(state.keys);
  const connections = new Map(state.connections);
  const setStatus = (status: string) => {
    const current = principalId === undefined ? undefined : principals.get(principalId);
    if (principalId !== undefined && current && current.status !== 'revoked')
      principals.set(principalId, { ...current, status });
  };
  switch (event.type) {
    case 'warden.identity.principal.registered.v1':
      if (principalId !== undefined)
        principals.set(principalId, { kind: text(data, 'kind') ?? 'unknown', status: 'active' });
      break;
    case 'warden.identity.principal.suspended.v1':
      setStatus('suspended');
      break;
    case 'warden.identity.principal.reactivated.v1':
      setStatus('active');
      break;
    case 'warden.identity.principal.revoked.v1':
      setStatus('revoked');
      break;
    case 'warden.identity.key.issued.v1': {
      const keyId = text(data, 'keyId');
      const expiresAt = text(data, 'expiresAt');
      if (keyId !== undefined && principalId !== undefined)
        keys.set(keyId, {
          principalId,
          prefix: text(data, 'prefix') ?? '',
          ...(expiresAt !== undefined ? { expiresAt } : {}),
          revoked: false,
        });
      break;
    }
    case 'warden.identity.key.rotated.v1': {
      const key = keys.get(text(data, 'keyId') ?? '');
      const graceEndsAt = text(data, 'graceEndsAt');
      if (key && graceEndsAt !== undefined) keys.set(text(data, 'keyId') ?? '', { ...key, graceEndsAt });
      break;
    }
    case 'warden.identity.key.revoked.v1': {
      const key = keys.get(text(data, 'keyId') ?? '');
      if (key) keys.set(text(data, 'keyId') ?? '', { ...key, revoked: true });
      break;
    }
    case 'warden.policy.connection.created.v1':
    case 'warden.policy.connection.updated.v1': {
      const connectionId = text(data, 'connectionId');
      const previous = connectionId === undefined ? undefined : connections.get(connectionId);
      const owner = principalId ?? previous?.principalId;
      const resourceId = text(data, 'resourceId') ?? previous?.resourceId;
      if (connectionId === undefined || owner === undefined || resourceId === undefined) break;
      // The connection's full spec of this version (ConnectionCreatedV1 / ConnectionUpdatedV1).
      const spec = record(data['spec']);
      const expiresAt = text(spec, 'expiresAt');
      connections.set(connectionId, {
        principalId: owner,
        resourceId,
        operations: Array.isArray(spec['operations'])
          ? operationsOf(spec, resourceId)
          : (previous?.operations ?? []),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        revoked: false,
      });
      break;
    }
    case 'warden.policy.connection.revoked.v1': {
      const connectionId = text(data, 'connectionId') ?? '';
      const connection = connections.get(connectionId);
      if (connection) connections.set(connectionId, { ...connection, revoked: true });
      break;
    }
    default:
      return state;
  }
  return { principals, keys, connections };
}

const after = (deadline: string | undefined, at: string): boolean =>
  deadline === undefined || Date.parse(deadline) > Date.parse(at);

/** The credentials report at instant `at` from a state: non-revoked principals, their live keys and grants. */
export function credentialsAt(state: CredentialState, at: string): CredentialItem[] {
  return [...state.principals.entries()]
    .filter(([, principal]) => principal.status !== 'revoked')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([principalId, principal]) => ({
      principalId,
      kind: principal.kind,
      status: principal.status,
      keys: [...state.keys.entries()]
        .filter(
          ([, key]) =>
            key.principalId === principalId &&
            !key.revoked &&
            after(key.expiresAt, at) &&
            after(key.graceEndsAt, at),
        )
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, key]) => ({
          id,
          prefix: key.prefix,
          ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
        })),
      operations: [...state.connections.entries()]
        .filter(([, c]) => c.principalId === principalId && !c.revoked && after(c.expiresAt, at))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([, c]) => c.operations),
    }));
}

/** Replays a history (events with time ≤ at, in (time, id) order) and reports the credentials at `at`. */
export function replayCredentials(history: readonly HistoryEvent[], at: string): CredentialItem[] {
  const atMs = Date.parse(at);
  const state = [...history]
    .filter((event) => Date.parse(event.time) <= atMs)
    .sort(byTimeThenId)
    .reduce(evolveCredentials, EMPTY_CREDENTIAL_STATE);
  return credentialsAt(state, at);
}

export function byTimeThenId(a: HistoryEvent, b: HistoryEvent): number {
  const dt = Date.parse(a.time) - Date.parse(b.time);
  if (dt !== 0) return dt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
