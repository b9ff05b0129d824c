import type { PolicyConnectionSpecV1 } from '@warden/contracts';

type OptionalField = Exclude<keyof PolicyConnectionSpecV1, 'operations' | 'failMode'>;

/** JSON merge patch of a spec: a field present replaces, `null` removes an optional field, absent keeps. */
export type ConnectionSpecPatch = {
  readonly operations?: PolicyConnectionSpecV1['operations'];
  readonly failMode?: PolicyConnectionSpecV1['failMode'];
} & { readonly [K in OptionalField]?: PolicyConnectionSpecV1[K] | null };

export interface CreateConnection {
  readonly type: 'CreateConnection';
  readonly connectionId: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly resourceId: string;
  readonly spec: PolicyConnectionSpecV1;
}

export interface UpdateConnection {
  readonly type: 'UpdateConnection';
  readonly patch: ConnectionSpecPatch;
}

export interface RollbackConnection {
  readonly type: 'RollbackConnection';
  readonly toVersion: number;
}

export interface RevokeConnection {
  readonly type: 'RevokeConnection';
  readonly reason?: string;
}

export type ConnectionCommand = CreateConnection | UpdateConnection | RollbackConnection | RevokeConnection;
