import type { PolicyConnectionSpecV1, PolicyConnectionSpecFieldV1 } from '@warden/contracts';
import type { ExistingConnection } from '../domain/connection/connection.state';
import type { ResourceState } from '../domain/resource/resource';

export type Created<T> = { readonly replayed: boolean; readonly body: T };

export type ResourceResponse = Omit<Extract<ResourceState, { registered: true }>, 'registered'>;

export function resourceResponse(state: Extract<ResourceState, { registered: true }>): ResourceResponse {
  const { registered: _registered, ...rest } = state;
  return rest;
}

export type ConnectionResponse = PolicyConnectionSpecV1 & {
  readonly id: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly resourceId: string;
  readonly status: 'active' | 'revoked';
  readonly version: number;
};

export function connectionResponse(state: ExistingConnection): ConnectionResponse {
  return {
    id: state.id,
    orgId: state.orgId,
    principalId: state.principalId,
    resourceId: state.resourceId,
    status: state.status,
    version: state.version,
    ...state.spec,
  };
}

export interface ConnectionVersionResponse {
  readonly version: number;
  readonly status: 'active' | 'revoked';
  /** The principal who made this version. */
  readonly actor: string;
  /** RFC 3339. */
  readonly at: string;
  readonly change: 'created' | 'updated' | 'rolled_back' | 'revoked';
  readonly changedFields: readonly PolicyConnectionSpecFieldV1[];
  readonly rolledBackToVersion?: number;
  readonly spec: PolicyConnectionSpecV1;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
