import { guardrailOutcome } from '../pipeline/ports/content-inspector.port';
import { request } from 'undici';
import { deny } from '../pipeline/denial';
import type { UpstreamExchange } from '../pipeline/ports/upstream-exchange';
import { abortCompletion } from '../upstream/upstream-url';

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Request headers never forwarded: the caller's credential, hop-by-hop headers, Warden's own. */
const DROPPED_REQUEST = new Set([
  'authorization',
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'cookie',
]);
const DROPPED_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'set-cookie',
  'location',
]);

export function isTextual(contentType: string | undefined): boolean {
  return (
    contentType === undefined ||
    /^(text\/|application\/(json|xml|x-www-form-urlencoded|[a-z.+-]*\+json))/i.test(contentType)
  );
}

export function forwardedRequestHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_REQUEST.has(name) || name.startsWith('x-warden-')) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * One HTTP call to exactly the authorized URL. Redirects are never followed: a redirect within the
 * resource's origin is passed back rewritten to the proxy path, one to any other origin is refused.
 */
export function proxyExchange(input: {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  readonly proxyBase: string;
  readonly upstreamBase: URL;
  readonly maxResponseBytes: number;
  readonly out: { response?: ProxiedResponse };
}): UpstreamExchange {
  return async (call) => {
    const started = performance.now();
    const usage = { inputTokens: 0, outputTokens: 0, source: 'none' as const };
    try {
      const res = await request(input.url, {
        method: input.method as 'GET',
        headers: {
          ...input.headers,
          ...(call.credential !== undefined && { authorization: `Bearer ${call.credential}` }),
        },
        ...(input.body !== undefined && input.body.length > 0 && { body: input.body }),
        signal: call.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > input.maxResponseBytes) {
          res.body.destroy();
          return {
            completion: 'upstream_failed',
            upstreamStatus: res.statusCode,
            usage,
            denial: deny('upstream_error', 'the upstream response is too large'),
            latencyMs: performance.now() - started,
          };
        }
        chunks.push(chunk as Buffer);
      }
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined && !DROPPED_RESPONSE.has(name))
          headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
        const target = new URL(location, input.url);
        if (
          target.origin !== input.upstreamBase.origin ||
          !target.pathname.startsWith(input.upstreamBase.pathname)
        ) {
          return {
            completion: 'upstream_failed',
            upstreamStatus: res.statusCode,
            usage,
            denial: deny('upstream_error', 'the upstream redirected to another origin: not followed'),
            latencyMs: performance.now() - started,
          };
        }
        headers.location = `${input.proxyBase}/${target.pathname.slice(input.upstreamBase.pathname.length)}${target.search}`;
      }
      const contentType =
        typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : undefined;
      let outputGuardrail;
      let sent = body;
      if (body.length > 0 && isTextual(contentType)) {
        const inspection = call.inspector.inspect('output', body.toString('utf8'), call.profile);
        outputGuardrail = guardrailOutcome(inspection);
        if (inspection.action === 'block') {
          return {
            completion: 'guardrail_blocked',
            upstreamStatus: res.statusCode,
            usage,
            outputGuardrail,
            denial: deny(
              'guardrail_blocked',
              `the response was blocked by the guardrails (${inspection.findingTypes.join(', ')})`,
            ),
            latencyMs: performance.now() - started,
          };
        }
        if (inspection.redacted !== undefined) sent = Buffer.from(inspection.redacted, 'utf8');
      }
      input.out.response = { status: res.statusCode, headers, body: sent };
      return {
        completion: 'completed',
        upstreamStatus: res.statusCode,
        usage,
        ...(outputGuardrail !== undefined && { outputGuardrail }),
        latencyMs: performance.now() - started,
      };
    } catch (error: unknown) {
      const aborted = call.signal.aborted;
      return {
        completion: aborted ? abortCompletion(call.signal) : 'upstream_failed',
        usage,
        denial: deny(
          aborted && abortCompletion(call.signal) === 'timeout' ? 'upstream_timeout' : 'upstream_error',
          `the upstream failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
        latencyMs: performance.now() - started,
      };
    }
  };
}
