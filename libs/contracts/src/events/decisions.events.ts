/**
 * Decisions context: the ingress's request records, `warden.decisions.*` on topic `warden.decisions.v1`,
 * key = decisionId (a request's decision and usage records stay ordered together). Never raw content:
 * finding types and token counts only.
 */
export type DecisionOutcomeV1 = 'allow' | 'deny' | 'approval_required';

export type IngressSurfaceV1 =
  'openai.chat' | 'openai.embeddings' | 'openai.models' | 'mcp' | 'http_proxy' | 'decision_api';

export interface DecisionReasonV1 {
  readonly code: string;
  readonly message: string;
  readonly policyIds?: readonly string[];
}

export interface GuardrailSummaryV1 {
  readonly action: 'allow' | 'flag' | 'redact' | 'block';
  readonly findingTypes: readonly string[];
  readonly profile: string;
}

export interface StageTraceV1 {
  readonly stage: string;
  readonly status: 'passed' | 'denied' | 'not_enforced';
}

export interface DecisionRecordedV1 {
  readonly decisionId: string;
  readonly requestId: string;
  /** `proxy`: the ingress called the upstream; `decision_api`: SDK/sidecar mode, same pipeline minus the call. */
  readonly mode: 'proxy' | 'decision_api';
  readonly surface: IngressSurfaceV1;
  readonly organizationId?: string;
  readonly principalId?: string;
  readonly keyId?: string;
  readonly resourceId?: string;
  readonly connectionId?: string;
  readonly action: string;
  readonly target: string;
  readonly outcome: DecisionOutcomeV1;
  /** The denial's reason code (`unauthenticated`, `forbidden`, `rate_limited`…) or `permitted`. */
  readonly reasonCode: string;
  readonly reasons: readonly DecisionReasonV1[];
  readonly policyVersion?: string;
  readonly stages: readonly StageTraceV1[];
  readonly rateLimit?: {
    readonly enforced: boolean;
    readonly requestsPerMinute?: number;
    readonly tokensPerMinute?: number;
  };
  readonly budget?: { readonly enforced: boolean; readonly reason?: string; readonly reservationId?: string };
  readonly guardrails?: { readonly input?: GuardrailSummaryV1; readonly output?: GuardrailSummaryV1 };
  readonly workflowId?: string;
  readonly upstreamStatus?: number;
  readonly decidedAt: string;
  readonly durationMs: number;
}

export interface UsageRecordedV1 {
  readonly decisionId: string;
  readonly requestId: string;
  readonly organizationId: string;
  readonly principalId: string;
  readonly resourceId: string;
  readonly connectionId?: string;
  readonly surface: IngressSurfaceV1;
  readonly action: string;
  readonly target: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** `upstream`: as reported by the provider; `tokenizer`: counted by the ingress; `none`: not a token-priced call. */
  readonly tokenSource: 'upstream' | 'tokenizer' | 'none';
  readonly completion: 'completed' | 'client_aborted' | 'upstream_failed' | 'guardrail_blocked' | 'timeout';
  readonly upstreamStatus?: number;
  readonly upstreamLatencyMs: number;
  readonly workflowId?: string;
  readonly recordedAt: string;
}

export interface DecisionsEventData {
  'warden.decisions.decision.recorded.v1': DecisionRecordedV1;
  'warden.decisions.usage.recorded.v1': UsageRecordedV1;
}
