import type { Attributes, ConnectionSpec, ResourceKind, Upstream } from '../domain/policy-model';

/**
 * `data` of the policy context's events (topic `warden.policy.v1`, key = aggregate id). The lead moves
 * these into the shared contracts catalog; each needs a JSON Schema in schemas/events/.
 * Who and when travel in the CloudEvent envelope (`principalid`, `time`), not in `data`.
 */
export interface ResourceRegisteredV1 {
  readonly resourceId: string;
  readonly orgId: string;
  readonly kind: ResourceKind;
  readonly name: string;
  /** `credentialRef` is a reference (`env:NAME`, `file:/path`), never a secret. */
  readonly upstream: Upstream;
  readonly attributes: Attributes;
}

/** The full new state of the resource (same shape as registered). */
export type ResourceUpdatedV1 = ResourceRegisteredV1;

export interface ConnectionCreatedV1 {
  readonly connectionId: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly resourceId: string;
  /** Always 1. */
  readonly version: number;
  readonly spec: ConnectionSpec;
}

export interface ConnectionUpdatedV1 {
  readonly connectionId: string;
  readonly orgId: string;
  readonly version: number;
  readonly previousVersion: number;
  /** The full spec of the new version (not a patch), so a version can be read alone. */
  readonly spec: ConnectionSpec;
  readonly changedFields: readonly (keyof ConnectionSpec)[];
  /** Set when this version is a rollback: its spec equals that version's. */
  readonly rolledBackToVersion?: number;
}

export interface ConnectionRevokedV1 {
  readonly connectionId: string;
  readonly orgId: string;
  readonly version: number;
  readonly previousVersion: number;
  readonly reason?: string;
}

export interface PolicySetPublishedV1 {
  readonly orgId: string;
  readonly version: number;
  /** Cedar text, validated against Warden's schema before the event was written. */
  readonly policies: string;
}

export interface PolicyEventData {
  'warden.policy.resource.registered.v1': ResourceRegisteredV1;
  'warden.policy.resource.updated.v1': ResourceUpdatedV1;
  'warden.policy.connection.created.v1': ConnectionCreatedV1;
  'warden.policy.connection.updated.v1': ConnectionUpdatedV1;
  'warden.policy.connection.revoked.v1': ConnectionRevokedV1;
  'warden.policy.policy_set.published.v1': PolicySetPublishedV1;
}

export type PolicyEventType = keyof PolicyEventData;

/** The minimal envelope evolve needs; a CloudEvent from @warden/contracts satisfies it. */
export type PolicyEvent = {
  [K in PolicyEventType]: { readonly type: K; readonly data: PolicyEventData[K] };
}[PolicyEventType];
