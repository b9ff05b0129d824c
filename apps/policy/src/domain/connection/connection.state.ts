import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import type { DomainEvent } from '../domain-event';

export type ConnectionEvent = DomainEvent<
  | 'warden.policy.connection.created.v1'
  | 'warden.policy.connection.updated.v1'
  | 'warden.policy.connection.revoked.v1'
>;

export type ConnectionStatus = 'active' | 'revoked';

export interface ConnectionVersion {
  readonly version: number;
  readonly status: ConnectionStatus;
  readonly spec: PolicyConnectionSpecV1;
}

export interface ExistingConnection {
  readonly exists: true;
  readonly id: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly resourceId: string;
  readonly version: number;
  readonly status: ConnectionStatus;
  readonly spec: PolicyConnectionSpecV1;
  /** Every version, oldest first: index = version - 1. */
  readonly versions: readonly ConnectionVersion[];
}

export type ConnectionState = { readonly exists: false } | ExistingConnection;

export const initialConnection: ConnectionState = { exists: false };

export function evolveConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'warden.policy.connection.created.v1': {
      const d = event.data;
      const first: ConnectionVersion = { version: d.version, status: 'active', spec: d.spec };
      return {
        exists: true,
        id: d.connectionId,
        orgId: d.orgId,
        principalId: d.principalId,
        resourceId: d.resourceId,
        version: d.version,
        status: 'active',
        spec: d.spec,
        versions: [first],
      };
    }
    case 'warden.policy.connection.updated.v1': {
      if (!state.exists) return state;
      const next: ConnectionVersion = {
        version: event.data.version,
        status: state.status,
        spec: event.data.spec,
      };
      return { ...state, version: next.version, spec: next.spec, versions: [...state.versions, next] };
    }
    case 'warden.policy.connection.revoked.v1': {
      if (!state.exists) return state;
      const next: ConnectionVersion = { version: event.data.version, status: 'revoked', spec: state.spec };
      return { ...state, version: next.version, status: 'revoked', versions: [...state.versions, next] };
    }
  }
}

export function versionOf(state: ExistingConnection, version: number): ConnectionVersion | undefined {
  return state.versions.find((v) => v.version === version);
}
