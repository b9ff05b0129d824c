import type { Resource } from '@warden/policy-engine';
import type { Denial } from '../denial';
import type { GuardrailOutcome, PipelineContext } from '../ingress-request';
import type { ContentInspector, ProfileRef } from './content-inspector.port';

export type UpstreamCompletion =
  'completed' | 'client_aborted' | 'upstream_failed' | 'guardrail_blocked' | 'timeout';

export interface MeasuredUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly source: 'upstream' | 'tokenizer' | 'none';
}

export interface UpstreamCall {
  readonly context: PipelineContext;
  readonly resource: Resource;
  /** Injected into the upstream request; the caller never sees it. */
  readonly credential?: string;
  /** Aborts on client disconnect or when the upstream timeout budget runs out. */
  readonly signal: AbortSignal;
  readonly inspector: ContentInspector;
  readonly profile?: ProfileRef;
}

export interface UpstreamResult {
  readonly completion: UpstreamCompletion;
  readonly upstreamStatus?: number;
  readonly usage: MeasuredUsage;
  readonly outputGuardrail?: GuardrailOutcome;
  /** Set when nothing useful can be answered (upstream failure, blocked output before anything was sent). */
  readonly denial?: Denial;
  readonly latencyMs: number;
}

/**
 * The call_upstream and inspect_output stages of one surface (chat, embeddings, MCP, proxy): they interleave
 * for a stream, so a surface provides both. It must not finish the client response: the pipeline records first.
 */
export type UpstreamExchange = (call: UpstreamCall) => Promise<UpstreamResult>;

/** Resolves a resource's `credentialRef` (`env:NAME`, `file:/path`). */
export interface CredentialResolver {
  resolve(ref: string | undefined): Promise<string | undefined>;
}

export const CREDENTIAL_RESOLVER = Symbol('CREDENTIAL_RESOLVER');
