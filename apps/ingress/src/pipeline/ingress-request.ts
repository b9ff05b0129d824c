import type { Connection, Decision, OperationAction, Resource } from '@warden/policy-engine';
import type { Denial } from './denial';
import type { PipelineStageName } from './pipeline-stages';

export type IngressSurface =
  'openai.chat' | 'openai.embeddings' | 'openai.models' | 'mcp' | 'http_proxy' | 'decision_api';

/** What a caller asked for, parsed from the wire by the surface (route). Content is never recorded. */
export interface IngressRequest {
  readonly requestId: string;
  readonly surface: IngressSurface;
  /** The bearer secret (`wk_…`); used to authenticate, never logged or recorded. */
  readonly apiKey?: string;
  readonly action: OperationAction;
  /** A model name, a tool name, `"<METHOD> <path>"` or a collection. */
  readonly target: string;
  /** Given by the route (MCP, proxy, decisions) or `X-Warden-Resource`; else resolved from the connections. */
  readonly resourceId?: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  /** The text the input guardrails inspect. */
  readonly inputText?: string;
  /** Estimated input tokens (tokenizer), checked against tokens/min before the call. */
  readonly estimatedInputTokens?: number;
  readonly workflowId?: string;
  readonly approvalId?: string;
  readonly traceparent?: string;
  readonly receivedAt: Date;
  /** A problem the surface found in the request itself (path, size); refused once the caller is known. */
  readonly invalid?: Denial;
}

export interface Caller {
  readonly principalId: string;
  readonly organizationId: string;
  readonly keyId: string;
  readonly kind: string;
}

export interface GuardrailOutcome {
  readonly action: 'allow' | 'flag' | 'redact' | 'block';
  /** Finding types only (`pii.email`), never the content. */
  readonly findingTypes: readonly string[];
  readonly profile: string;
}

export interface BudgetOutcome {
  readonly enforced: boolean;
  readonly reason?: string;
  readonly reservationId?: string;
}

export interface RateLimitOutcome {
  readonly enforced: boolean;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
  readonly windowStart?: string;
}

export type StageStatus = 'passed' | 'denied' | 'not_enforced';

export interface StageTrace {
  readonly stage: PipelineStageName;
  readonly status: StageStatus;
}

/** The state one request accumulates while it walks the pipeline. Stages fill it in order. */
export interface PipelineContext {
  readonly request: IngressRequest;
  readonly decisionId: string;
  caller?: Caller;
  resource?: Resource;
  connection?: Connection;
  decision?: Decision;
  rateLimit?: RateLimitOutcome;
  budget?: BudgetOutcome;
  inputGuardrail?: GuardrailOutcome;
  /** Input after redaction, when the input guardrail redacted it. */
  redactedInput?: string;
  denial?: Denial;
  readonly trace: StageTrace[];
}
