/**
 * Policy context: `warden.policy.*` on topic `warden.policy.v1` (key = aggregate id).
 * Who and when travel in the CloudEvent envelope (`principalid`, `time`), not in `data`.
 * A credential never appears here: `upstream.credentialRef` is a reference (`env:NAME`, `file:/path`).
 */
export type PolicyResourceKindV1 = 'model' | 'mcp_server' | 'http_api' | 'data_source';

export type PolicyOperationActionV1 =
  'model.chat' | 'model.embed' | 'mcp.tool' | 'http.request' | 'data.read' | 'data.write';

export type PolicyAttributesV1 = Readonly<Record<string, string | readonly string[]>>;

export interface PolicyUpstreamV1 {
  readonly baseUrl: string;
  readonly credentialRef?: string;
}

export interface PolicyArgumentConstraintV1 {
  readonly prefix?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly max?: number;
}

export interface PolicyOperationV1 {
  readonly action: PolicyOperationActionV1;
  readonly target: string;
  readonly constraints?: Readonly<Record<string, PolicyArgumentConstraintV1>>;
}

export interface PolicyConnectionSpecV1 {
  readonly operations: readonly PolicyOperationV1[];
  readonly rateLimit?: { readonly requestsPerMinute?: number; readonly tokensPerMinute?: number };
  readonly budget?: {
    readonly limit: number;
    readonly currency: string;
    readonly window: 'day' | 'week' | 'month' | 'total';
    readonly alertThresholds?: readonly number[];
  };
  readonly approval?: {
    readonly operations: readonly { readonly action: PolicyOperationActionV1; readonly target: string }[];
    readonly approverIds: readonly string[];
    readonly ttlSeconds: number;
  };
  readonly guardrailProfileId?: string;
  readonly minTrust?: number;
  readonly expiresAt?: string;
  readonly failMode: 'closed' | 'open';
}

export type PolicyConnectionSpecFieldV1 = keyof PolicyConnectionSpecV1;

export interface ResourceRegisteredV1 {
  readonly resourceId: string;
  readonly orgId: string;
  readonly kind: PolicyResourceKindV1;
  readonly name: string;
  readonly upstream: PolicyUpstreamV1;
  readonly attributes: PolicyAttributesV1;
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
  readonly spec: PolicyConnectionSpecV1;
}

export interface ConnectionUpdatedV1 {
  readonly connectionId: string;
  readonly orgId: string;
  readonly version: number;
  readonly previousVersion: number;
  /** The full spec of the new version (not a patch), so a version can be read alone. */
  readonly spec: PolicyConnectionSpecV1;
  readonly changedFields: readonly PolicyConnectionSpecFieldV1[];
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
