import type { DecisionRecordedV1, UsageRecordedV1 } from '@warden/contracts';
import type { PipelineContext } from '../pipeline/ingress-request';
import type { IngressRecords } from '../pipeline/ports/record-sink.port';
import type { UpstreamResult } from '../pipeline/ports/upstream-exchange';

/** Events for a request that was never authenticated carry this in `orgid` (the envelope needs one). */
export const UNAUTHENTICATED_ORG = 'org_unauthenticated';

/** The one decision record and, when the upstream was reached, the one usage record of a request. Pure. */
export function buildRecords(
  context: PipelineContext,
  upstream: UpstreamResult | undefined,
  now: Date,
): IngressRecords {
  const { request, caller, resource, decision, denial } = context;
  const connectionId = decision?.connectionId ?? context.connection?.id;
  const outcome: DecisionRecordedV1['outcome'] =
    denial === undefined ? 'allow' : denial.code === 'approval_required' ? 'approval_required' : 'deny';
  const reasons: DecisionRecordedV1['reasons'] =
    denial === undefined
      ? (decision?.reasons ?? []).map((r) => ({
          code: r.code,
          message: r.message,
          ...(r.policyIds && { policyIds: r.policyIds }),
        }))
      : [{ code: denial.detailCode ?? denial.code, message: denial.message }];
  const guardrails = {
    ...(context.inputGuardrail !== undefined && { input: context.inputGuardrail }),
    ...(upstream?.outputGuardrail !== undefined && { output: upstream.outputGuardrail }),
  };
  const decisionRecord: DecisionRecordedV1 = {
    decisionId: context.decisionId,
    requestId: request.requestId,
    mode: request.surface === 'decision_api' ? 'decision_api' : 'proxy',
    surface: request.surface,
    ...(caller !== undefined && {
      organizationId: caller.organizationId,
      principalId: caller.principalId,
      keyId: caller.keyId,
    }),
    ...(resource !== undefined && { resourceId: resource.id }),
    ...(connectionId !== undefined && { connectionId }),
    action: request.action,
    target: request.target,
    outcome,
    reasonCode: denial?.code ?? 'permitted',
    reasons,
    ...(decision?.policyVersion !== undefined && { policyVersion: decision.policyVersion }),
    stages: context.trace.map((t) => ({ stage: t.stage, status: t.status })),
    ...(context.rateLimit !== undefined && {
      rateLimit: {
        enforced: context.rateLimit.enforced,
        ...(context.rateLimit.requestsPerMinute !== undefined && {
          requestsPerMinute: context.rateLimit.requestsPerMinute,
        }),
        ...(context.rateLimit.tokensPerMinute !== undefined && {
          tokensPerMinute: context.rateLimit.tokensPerMinute,
        }),
      },
    }),
    ...(context.budget !== undefined && { budget: context.budget }),
    ...(Object.keys(guardrails).length > 0 && { guardrails }),
    ...(request.workflowId !== undefined && { workflowId: request.workflowId }),
    ...(upstream?.upstreamStatus !== undefined && { upstreamStatus: upstream.upstreamStatus }),
    decidedAt: now.toISOString(),
    durationMs: Math.max(0, now.getTime() - request.receivedAt.getTime()),
  };
  let usage: UsageRecordedV1 | undefined;
  if (upstream !== undefined && caller !== undefined && resource !== undefined) {
    const { inputTokens, outputTokens, source } = upstream.usage;
    usage = {
      decisionId: context.decisionId,
      requestId: request.requestId,
      organizationId: caller.organizationId,
      principalId: caller.principalId,
      resourceId: resource.id,
      ...(connectionId !== undefined && { connectionId }),
      surface: request.surface,
      action: request.action,
      target: request.target,
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens,
      tokenSource: source,
      completion: upstream.completion,
      ...(upstream.upstreamStatus !== undefined && { upstreamStatus: upstream.upstreamStatus }),
      upstreamLatencyMs: upstream.latencyMs,
      ...(request.workflowId !== undefined && { workflowId: request.workflowId }),
      recordedAt: now.toISOString(),
    };
  }
  return {
    orgId: caller?.organizationId ?? UNAUTHENTICATED_ORG,
    ...(caller !== undefined && { principalId: caller.principalId }),
    ...(request.traceparent !== undefined && { traceparent: request.traceparent }),
    decision: decisionRecord,
    ...(usage !== undefined && { usage }),
  };
}
