/** The policy context's domain: what a decision is made from (DESIGN §5, API.md "Policy"). */

export const RESOURCE_KINDS = ['model', 'mcp_server', 'http_api', 'data_source'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const PRINCIPAL_KINDS = ['human', 'application', 'agent', 'mcp_server'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

export const OPERATION_ACTIONS = [
  'model.chat',
  'model.embed',
  'mcp.tool',
  'http.request',
  'data.read',
  'data.write',
] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number];

/**
 * Free-form attributes of a principal or resource. `labels` (e.g. sensitivity labels) becomes the
 * Cedar attribute `labels: Set<String>`; every other string value becomes a Cedar tag.
 */
export type Attributes = Readonly<Record<string, string | readonly string[]>>;

export interface Upstream {
  readonly baseUrl: string;
  /** `env:NAME` or `file:/path`: a reference, never the credential itself. */
  readonly credentialRef?: string;
}

export interface Resource {
  readonly id: string;
  readonly orgId: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly upstream: Upstream;
  readonly attributes: Attributes;
}

export type PrincipalStatus = 'active' | 'suspended' | 'revoked';

/** The facts about a principal the engine needs; the identity context owns the principal. */
export interface PrincipalFacts {
  readonly id: string;
  readonly orgId: string;
  readonly kind: PrincipalKind;
  readonly status: PrincipalStatus;
  readonly attributes: Attributes;
}

export interface ArgumentConstraint {
  /** The argument must be a string starting with this; a path `..` segment is never accepted. */
  readonly prefix?: string;
  /** The argument must equal one of these (strict equality). */
  readonly enum?: readonly (string | number | boolean)[];
  /** The argument must be a finite number ≤ max. */
  readonly max?: number;
}

export interface Operation {
  readonly action: OperationAction;
  /**
   * Glob on the operation's target: a model name, a tool name, `"<METHOD> <path>"` or a collection.
   * `*` matches any run of characters (including `/`); every other character is literal.
   */
  readonly target: string;
  /** Per-argument constraints (tool arguments, request fields); every constrained argument must be present. */
  readonly constraints?: Readonly<Record<string, ArgumentConstraint>>;
}

export interface RateLimit {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

export interface Budget {
  readonly limit: number;
  readonly currency: string;
  readonly window: 'day' | 'week' | 'month' | 'total';
  readonly alertThresholds?: readonly number[];
}

/** An operation that needs a human approval before it runs (same matching as `Operation`). */
export interface ApprovalOperation {
  readonly action: OperationAction;
  readonly target: string;
}

export interface ApprovalRule {
  readonly operations: readonly ApprovalOperation[];
  readonly approverIds: readonly string[];
  readonly ttlSeconds: number;
}

export type FailMode = 'closed' | 'open';
export type ConnectionStatus = 'active' | 'revoked';

/** What a connection grants: every field a version can change. */
export interface ConnectionSpec {
  readonly operations: readonly Operation[];
  readonly rateLimit?: RateLimit;
  readonly budget?: Budget;
  readonly approval?: ApprovalRule;
  readonly guardrailProfileId?: string;
  /** Integer 0..100, compared with the caller's trust score. */
  readonly minTrust?: number;
  /** RFC 3339; the connection grants nothing at or after this instant. */
  readonly expiresAt?: string;
  readonly failMode: FailMode;
}

/** Principal → resource: the first-class policy object, versioned (every change is a new version). */
export interface Connection extends ConnectionSpec {
  readonly id: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly resourceId: string;
  readonly version: number;
  readonly status: ConnectionStatus;
}

/** A published organization policy set: Cedar text, validated against Warden's schema. */
export interface OrgPolicySet {
  readonly orgId: string;
  readonly version: number;
  readonly policies: string;
}
