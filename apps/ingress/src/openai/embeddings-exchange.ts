import { request } from 'undici';
import { deny } from '../pipeline/denial';
import type { UpstreamExchange } from '../pipeline/ports/upstream-exchange';
import { abortCompletion, upstreamHeaders, upstreamUrl } from '../upstream/upstream-url';
import { countTextTokens, embeddingInputs } from './tokens';

export function embeddingsExchange(
  body: Record<string, unknown>,
  out: { response?: unknown },
): UpstreamExchange {
  return async (call) => {
    const started = performance.now();
    const estimate = embeddingInputs(body.input).reduce((n, text) => n + countTextTokens(text), 0);
    try {
      const res = await request(upstreamUrl(call.resource.upstream.baseUrl, 'embeddings'), {
        method: 'POST',
        headers: upstreamHeaders(call.credential),
        body: JSON.stringify(body),
        signal: call.signal,
      });
      const json = (await res.body.json()) as { usage?: { prompt_tokens?: unknown } };
      if (res.statusCode >= 400) {
        return {
          completion: 'upstream_failed',
          upstreamStatus: res.statusCode,
          usage: { inputTokens: 0, outputTokens: 0, source: 'none' },
          denial: deny('upstream_error', `the upstream answered ${res.statusCode}`),
          latencyMs: performance.now() - started,
        };
      }
      const reported = typeof json.usage?.prompt_tokens === 'number' ? json.usage.prompt_tokens : undefined;
      out.response = json;
      return {
        completion: 'completed',
        upstreamStatus: res.statusCode,
        usage:
          reported !== undefined
            ? { inputTokens: reported, outputTokens: 0, source: 'upstream' }
            : { inputTokens: estimate, outputTokens: 0, source: 'tokenizer' },
        latencyMs: performance.now() - started,
      };
    } catch (error: unknown) {
      const aborted = call.signal.aborted;
      return {
        completion: aborted ? abortCompletion(call.signal) : 'upstream_failed',
        usage: aborted
          ? { inputTokens: estimate, outputTokens: 0, source: 'tokenizer' }
          : { inputTokens: 0, outputTokens: 0, source: 'none' },
        denial: deny(
          'upstream_error',
          `the upstream failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
        latencyMs: performance.now() - started,
      };
    }
  };
}
