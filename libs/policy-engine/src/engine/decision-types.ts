import type { Budget, OperationAction, RateLimit } from '../domain/policy-model';

export type DecisionOutcome = 'allow' | 'deny' | 'approval_required';

/** Stable reason codes: clients and the audit trail branch on them, so they are never renamed. */
export const REASON_CODES = [
  'permitted',
  'forbidden',
  'no_connection',
  'connection_revoked',
  'connection_expired',
  'principal_inactive',
  'trust_too_low',
  'argument_constraint',
  'approval_required',
  'stale_state',
  'policy_forbid',
  'policy_error',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface DecisionReason {
  readonly code: ReasonCode;
  readonly message: string;
  /** The policies that decided: `con_x@v3#op0`, `org_1/policies@v2#no-delete`. */
  readonly policyIds?: readonly string[];
}

export interface Obligations {
  readonly guardrailProfileId?: string;
  readonly budget?: Budget;
  readonly rateLimit?: RateLimit;
}

export interface DecisionContext {
  readonly model?: string;
  readonly tool?: string;
  /** In currency units; Cedar sees it as `estimatedCostMicros` (rounded to the millionth). */
  readonly estimatedCost?: number;
  /** 0..100; absent counts as 0. */
  readonly trustScore?: number;
  /** Epoch milliseconds of the request: the engine's clock comes in as an argument. */
  readonly time: number;
  /** Content finding types from the guardrails scan, e.g. `pii.email`. */
  readonly findings?: readonly string[];
}

export interface DecisionInput {
  readonly principalId: string;
  readonly action: OperationAction;
  readonly resourceId: string;
  /** What is called: a model name, a tool name, `"<METHOD> <path>"` or a collection. */
  readonly target: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  readonly context: DecisionContext;
  /** Set by the caller once it verified an approved, unexpired approval for this exact operation. */
  readonly approvalGranted?: boolean;
}

export interface Decision {
  readonly decision: DecisionOutcome;
  readonly reasons: readonly DecisionReason[];
  readonly obligations: Obligations;
  /** `<orgId>/policies@v<n>` and, when a connection took part, `+<connectionId>@v<version>`. */
  readonly policyVersion: string;
  readonly connectionId?: string;
}
