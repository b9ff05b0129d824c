import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export interface MockUpstreamOptions {
  /** Report `usage` (plain) / a usage chunk (stream). Default true. */
  readonly reportUsage?: boolean;
  /** Fixed latency before answering. */
  readonly latencyMs?: number;
  /** Words of the streamed answer; a model named `slow-*` sends them 100 ms apart. */
  readonly words?: readonly string[];
}

export interface MockUpstream {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Streams the upstream saw closed by the client before they finished. */
  readonly aborted: string[];
  options: MockUpstreamOptions;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A tiny OpenAI-compatible upstream for tests and benchmarks: chat (plain, SSE), embeddings, models. */
export async function startMockUpstream(initial: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const received: ReceivedRequest[] = [];
  const aborted: string[] = [];
  const state: { options: MockUpstreamOptions } = { options: initial };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    received.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const options = state.options;
    if (options.latencyMs) await sleep(options.latencyMs);
    const reportUsage = options.reportUsage !== false;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const model = typeof b.model === 'string' ? b.model : 'unknown';
    const words = options.words ?? ['Hello', ' from', ' the', ' mock', '.'];
    if (path.endsWith('/models') && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'mock' }],
        }),
      );
      return;
    }
    if (path.endsWith('/embeddings')) {
      const inputs = Array.isArray(b.input) ? b.input : [b.input];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: inputs.map((_, index) => ({
            object: 'embedding',
            index,
            embedding:
              b.encoding_format === 'base64'
                ? Buffer.from(new Float32Array([0.1, 0.2, 0.3]).buffer).toString('base64')
                : [0.1, 0.2, 0.3],
          })),
          model,
          ...(reportUsage && {
            usage: { prompt_tokens: 4 * inputs.length, total_tokens: 4 * inputs.length },
          }),
        }),
      );
      return;
    }
    if (path.endsWith('/chat/completions')) {
      const id = `chatcmpl-${received.length}`;
      const base = { id, object: 'chat.completion.chunk', created: 1, model };
      if (b.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        let finished = false;
        res.on('close', () => {
          if (!finished) aborted.push(id);
        });
        const gap = model.startsWith('slow-') ? 100 : 0;
        res.write(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`,
        );
        for (const word of words) {
          if (gap > 0) await sleep(gap);
          if (res.destroyed) return;
          res.write(
            `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] })}\n\n`,
          );
        }
        res.write(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
        );
        if (reportUsage) {
          res.write(
            `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 11, completion_tokens: words.length, total_tokens: 11 + words.length } })}\n\n`,
          );
        }
        res.write('data: [DONE]\n\n');
        finished = true;
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: 1,
          model,
          choices: [
            { index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: 'stop' },
          ],
          ...(reportUsage && {
            usage: { prompt_tokens: 11, completion_tokens: words.length, total_tokens: 11 + words.length },
          }),
        }),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error', code: null } }));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    aborted,
    get options() {
      return state.options;
    },
    set options(value: MockUpstreamOptions) {
      state.options = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
