import { guardrailOutcome } from '../pipeline/ports/content-inspector.port';
import { deny } from '../pipeline/denial';
import type { UpstreamExchange } from '../pipeline/ports/upstream-exchange';
import type { GovernedCall, GovernedResult } from './mcp-governed-calls';
import type { McpUpstreams } from './mcp-upstreams';

/**
 * The call_upstream and inspect_output stages of a governed MCP call. What comes back is content for the
 * agent's model (a tool result, a document, a prompt), so it is inspected as retrieved content: leakage and
 * indirect prompt injection. The answer the client gets is left in `out`.
 */
export function mcpExchange(
  upstreams: McpUpstreams,
  governed: GovernedCall,
  out: { result?: GovernedResult },
): UpstreamExchange {
  return async (call) => {
    const started = performance.now();
    const usage = { inputTokens: 0, outputTokens: 0, source: 'none' as const };
    try {
      const client = await upstreams.client(call.resource);
      const result = await governed.fetch(client, call.signal);
      const inspection = call.inspector.inspect('retrieved', governed.texts(result).join('\n'), call.profile);
      const outputGuardrail = guardrailOutcome(inspection);
      if (inspection.action === 'block') {
        return {
          completion: 'guardrail_blocked',
          usage,
          outputGuardrail,
          denial: deny(
            'guardrail_blocked',
            `the upstream's answer was blocked by the guardrails (${inspection.findingTypes.join(', ')})`,
          ),
          latencyMs: performance.now() - started,
        };
      }
      out.result =
        inspection.action === 'redact'
          ? governed.redact(
              result,
              (text) => call.inspector.inspect('retrieved', text, call.profile).redacted ?? text,
            )
          : result;
      return { completion: 'completed', usage, outputGuardrail, latencyMs: performance.now() - started };
    } catch (error: unknown) {
      upstreams.forget(call.resource);
      return {
        completion: 'upstream_failed',
        usage,
        denial: deny(
          'upstream_error',
          `the MCP upstream failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
        latencyMs: performance.now() - started,
      };
    }
  };
}
