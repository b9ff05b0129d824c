import { guardrailOutcome } from '../pipeline/ports/content-inspector.port';
import type { ServerResponse } from 'node:http';
import { request } from 'undici';
import { deny } from '../pipeline/denial';
import type { UpstreamCall, UpstreamExchange, UpstreamResult } from '../pipeline/ports/upstream-exchange';
import { abortCompletion, upstreamHeaders, upstreamUrl } from '../upstream/upstream-url';
import { contentText, countChatTokens, countTextTokens, type ChatMessage } from './tokens';

export interface ChatBody {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly [key: string]: unknown;
}

interface UpstreamUsage {
  readonly prompt_tokens?: unknown;
  readonly completion_tokens?: unknown;
}

function reportedUsage(usage: unknown): { inputTokens: number; outputTokens: number } | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as UpstreamUsage;
  if (typeof u.prompt_tokens !== 'number' || typeof u.completion_tokens !== 'number') return undefined;
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens };
}

/** The route counted the prompt's tokens for admission; counting them again would cost as much. */
function inputTokenEstimate(body: ChatBody, call: UpstreamCall): number {
  return call.context.request.estimatedInputTokens ?? countChatTokens(body.messages);
}

function forwardedBody(body: ChatBody, call: UpstreamCall): ChatBody {
  const redact = call.context.redactedInput !== undefined;
  const messages = redact
    ? body.messages.map((m) => {
        const text = contentText(m.content);
        if (typeof m.content !== 'string') return m;
        const inspected = call.inspector.inspect('input', text, call.profile);
        return { ...m, content: inspected.redacted ?? text };
      })
    : body.messages;
  return { ...body, messages };
}

/** A non-streamed chat completion: the body is kept for the route to send after the records are durable. */
export function plainChatExchange(body: ChatBody, out: { response?: unknown }): UpstreamExchange {
  return async (call) => {
    const started = performance.now();
    const inputEstimate = inputTokenEstimate(body, call);
    const latency = (): number => performance.now() - started;
    let status: number | undefined;
    try {
      const res = await request(upstreamUrl(call.resource.upstream.baseUrl, 'chat/completions'), {
        method: 'POST',
        headers: upstreamHeaders(call.credential),
        body: JSON.stringify({ ...forwardedBody(body, call), stream: false }),
        signal: call.signal,
      });
      status = res.statusCode;
      const json = (await res.body.json()) as {
        choices?: { message?: { content?: unknown } }[];
        usage?: unknown;
      };
      if (res.statusCode >= 400) {
        return {
          completion: 'upstream_failed',
          upstreamStatus: res.statusCode,
          usage: { inputTokens: 0, outputTokens: 0, source: 'none' },
          denial: deny('upstream_error', `the upstream answered ${res.statusCode}`),
          latencyMs: latency(),
        };
      }
      const choices = json.choices ?? [];
      const generated = choices.map((c) => contentText(c.message?.content)).join('\n');
      const reported = reportedUsage(json.usage);
      const usage = reported
        ? { ...reported, source: 'upstream' as const }
        : {
            inputTokens: inputEstimate,
            outputTokens: countTextTokens(generated),
            source: 'tokenizer' as const,
          };
      const inspection = call.inspector.inspect('output', generated, call.profile);
      const outputGuardrail = guardrailOutcome(inspection);
      if (inspection.action === 'block') {
        return {
          completion: 'guardrail_blocked',
          upstreamStatus: res.statusCode,
          usage,
          outputGuardrail,
          denial: deny(
            'guardrail_blocked',
            `the output was blocked by the guardrails (${inspection.findingTypes.join(', ')})`,
          ),
          latencyMs: latency(),
        };
      }
      if (inspection.action === 'redact') {
        for (const choice of choices) {
          const text = contentText(choice.message?.content);
          if (choice.message !== undefined && typeof choice.message.content === 'string') {
            choice.message.content = call.inspector.inspect('output', text, call.profile).redacted ?? text;
          }
        }
      }
      out.response = reported
        ? json
        : {
            ...json,
            usage: {
              prompt_tokens: usage.inputTokens,
              completion_tokens: usage.outputTokens,
              total_tokens: usage.inputTokens + usage.outputTokens,
            },
          };
      return {
        completion: 'completed',
        upstreamStatus: res.statusCode,
        usage,
        outputGuardrail,
        latencyMs: latency(),
      };
    } catch (error: unknown) {
      if (call.signal.aborted) {
        const completion = abortCompletion(call.signal);
        return {
          completion,
          ...(status !== undefined && { upstreamStatus: status }),
          usage: { inputTokens: inputEstimate, outputTokens: 0, source: 'tokenizer' },
          denial: deny(
            completion === 'timeout' ? 'upstream_timeout' : 'upstream_error',
            `the upstream call was ${completion === 'timeout' ? 'timed out' : 'cancelled'}`,
          ),
          latencyMs: latency(),
        };
      }
      return {
        completion: 'upstream_failed',
        usage: { inputTokens: 0, outputTokens: 0, source: 'none' },
        denial: deny(
          'upstream_error',
          `the upstream is unreachable: ${error instanceof Error ? error.message : String(error)}`,
        ),
        latencyMs: latency(),
      };
    }
  };
}

export interface SseWriter {
  /** Sends the status line and headers once; later calls are no-ops. */
  open(): ServerResponse;
}

/**
 * A streamed chat completion. Content passes the streaming output inspector; the client's `include_usage`
 * decides whether the usage chunk is forwarded, but the ingress always asks the upstream for it. When the
 * upstream reports none (or the stream is cut), usage is counted with the tokenizer over what was generated.
 * The final `data: [DONE]` is left to the route: it is written once the records are durable.
 */
export function streamingChatExchange(body: ChatBody, writer: SseWriter): UpstreamExchange {
  return async (call): Promise<UpstreamResult> => {
    const started = performance.now();
    const inputEstimate = inputTokenEstimate(body, call);
    const clientWantsUsage = body.stream_options?.include_usage === true;
    const stream = call.inspector.stream(call.profile);
    let generated = '';
    let reported: { inputTokens: number; outputTokens: number } | undefined;
    let status: number | undefined;
    let blocked = false;
    const usageOf = (): UpstreamResult['usage'] =>
      reported
        ? { ...reported, source: 'upstream' }
        : { inputTokens: inputEstimate, outputTokens: countTextTokens(generated), source: 'tokenizer' };
    const write = (payload: unknown): void => {
      const res = writer.open();
      if (!res.writableEnded && !res.destroyed) res.write(`data: ${JSON.stringify(payload)}\n\n`);
    };
    try {
      const res = await request(upstreamUrl(call.resource.upstream.baseUrl, 'chat/completions'), {
        method: 'POST',
        headers: upstreamHeaders(call.credential),
        body: JSON.stringify({
          ...forwardedBody(body, call),
          stream: true,
          stream_options: { include_usage: true },
        }),
        signal: call.signal,
      });
      status = res.statusCode;
      if (res.statusCode >= 400) {
        await res.body.dump();
        return {
          completion: 'upstream_failed',
          upstreamStatus: res.statusCode,
          usage: { inputTokens: 0, outputTokens: 0, source: 'none' },
          denial: deny('upstream_error', `the upstream answered ${res.statusCode}`),
          latencyMs: performance.now() - started,
        };
      }
      let buffer = '';
      let template: Record<string, unknown> = {};
      const handle = (data: string): void => {
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data) as {
          choices?: { index?: number; delta?: { content?: unknown }; finish_reason?: unknown }[];
          usage?: unknown;
        } & Record<string, unknown>;
        const { choices: _c, usage: _u, ...rest } = chunk;
        template = rest;
        const usage = reportedUsage(chunk.usage);
        if (usage !== undefined) reported = usage;
        const choices = chunk.choices ?? [];
        if (choices.length === 0) {
          if (usage !== undefined && clientWantsUsage) write(chunk);
          return;
        }
        for (const choice of choices) {
          const content = choice.delta?.content;
          if (typeof content === 'string' && content.length > 0) {
            generated += content;
            const step = stream.push(content);
            if (step.blocked) {
              blocked = true;
              return;
            }
            if (step.release.length > 0)
              write({
                ...chunk,
                choices: [{ ...choice, delta: { ...choice.delta, content: step.release } }],
                usage: undefined,
              });
          } else if (choice.finish_reason !== null && choice.finish_reason !== undefined) {
            const tail = stream.end();
            if (tail.blocked) {
              blocked = true;
              return;
            }
            if (tail.release.length > 0)
              write({
                ...template,
                choices: [
                  { index: choice.index ?? 0, delta: { content: tail.release }, finish_reason: null },
                ],
              });
            write({ ...chunk, usage: undefined });
          } else {
            write({ ...chunk, usage: undefined });
          }
        }
      };
      for await (const piece of res.body) {
        buffer += Buffer.isBuffer(piece) ? piece.toString('utf8') : String(piece);
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const event = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          for (const line of event.split('\n')) if (line.startsWith('data:')) handle(line.slice(5).trim());
          if (blocked) break;
          boundary = buffer.indexOf('\n\n');
        }
        if (blocked) {
          res.body.destroy();
          break;
        }
      }
      const outputGuardrail = stream.outcome();
      if (blocked) {
        write({
          error: {
            message: 'the output was blocked by the guardrails',
            type: 'permission_error',
            code: 'guardrail_blocked',
          },
        });
        return {
          completion: 'guardrail_blocked',
          upstreamStatus: status,
          usage: usageOf(),
          outputGuardrail,
          latencyMs: performance.now() - started,
        };
      }
      if (!reported && clientWantsUsage) {
        const usage = usageOf();
        write({
          ...template,
          choices: [],
          usage: {
            prompt_tokens: usage.inputTokens,
            completion_tokens: usage.outputTokens,
            total_tokens: usage.inputTokens + usage.outputTokens,
          },
        });
      }
      return {
        completion: 'completed',
        upstreamStatus: status,
        usage: usageOf(),
        outputGuardrail,
        latencyMs: performance.now() - started,
      };
    } catch (error: unknown) {
      if (call.signal.aborted) {
        const completion = abortCompletion(call.signal);
        return {
          completion,
          ...(status !== undefined && { upstreamStatus: status }),
          usage: usageOf(),
          outputGuardrail: stream.outcome(),
          latencyMs: performance.now() - started,
          ...(completion === 'timeout' && {
            denial: deny('upstream_timeout', 'the upstream timeout budget ran out'),
          }),
        };
      }
      return {
        completion: 'upstream_failed',
        ...(status !== undefined && { upstreamStatus: status }),
        usage: generated.length > 0 ? usageOf() : { inputTokens: 0, outputTokens: 0, source: 'none' },
        denial: deny(
          'upstream_error',
          `the upstream failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
        latencyMs: performance.now() - started,
      };
    }
  };
}
