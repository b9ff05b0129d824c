import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, waitFor, type TestDatabase } from '@warden/testing';
import {
  seedAgent,
  seedModelResource,
  startIngress,
  type IngressTestApp,
  type SeededCaller,
} from '../test-support/ingress-test-app';
import { POISONED_TEXT, startTestMcpServer } from '../test-support/test-mcp-server';

interface Hit {
  method: string;
  url: string;
  authorization?: string;
}

async function startHttpApi(
  hits: Hit[],
  elsewhere: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    hits.push({
      method: req.method ?? '',
      url: req.url ?? '',
      ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }),
    });
    if (req.url?.startsWith('/api/items/away')) {
      res.writeHead(302, { location: `${elsewhere}/steal` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('MCP (item 2) and HTTP proxy through the ingress', () => {
  let db: TestDatabase;
  let ingress: IngressTestApp;
  let caller: SeededCaller;
  let mcp: Awaited<ReturnType<typeof startTestMcpServer>>;
  let api: Awaited<ReturnType<typeof startHttpApi>>;
  let other: Awaited<ReturnType<typeof startHttpApi>>;
  const apiHits: Hit[] = [];
  const otherHits: Hit[] = [];
  let mcpResource: string;
  let apiResource: string;

  beforeAll(async () => {
    process.env.MOCK_UPSTREAM_KEY = 'sk-upstream-secret';
    db = await createTestDatabase('warden_ingress_mcp');
    mcp = await startTestMcpServer();
    other = await startHttpApi(otherHits, 'http://127.0.0.1:1');
    api = await startHttpApi(apiHits, other.url.replace('/api', ''));
    ingress = await startIngress(db.url, { proxyMaxBodyBytes: 1024 });
    caller = await seedAgent(ingress.bus);
    mcpResource = (
      await seedModelResource(
        ingress.bus,
        [ingress.policy],
        caller,
        mcp.url,
        {
          operations: [
            { action: 'mcp.tool', target: 'read_file', constraints: { path: { prefix: '/data/' } } },
            { action: 'mcp.tool', target: 'list_*' },
            { action: 'data.read', target: 'file:///data/*' },
            { action: 'data.read', target: 'prompt:summarize' },
          ],
        },
        'mcp_server',
      )
    ).resourceId;
    apiResource = (
      await seedModelResource(
        ingress.bus,
        [ingress.policy],
        caller,
        api.url,
        {
          operations: [
            { action: 'http.request', target: 'GET /items/*' },
            { action: 'http.request', target: 'POST /items' },
          ],
        },
        'http_api',
      )
    ).resourceId;
    await waitFor(
      async () =>
        (
          await fetch(`${ingress.baseUrl}/proxy/${apiResource}/items/1`, {
            headers: { authorization: `Bearer ${caller.secret}` },
          })
        ).status === 200,
      {
        timeoutMs: 10_000,
      },
    );
  });

  afterAll(async () => {
    await ingress?.close();
    await mcp?.close();
    await api?.close();
    await other?.close();
    await db?.drop();
  });

  const mcpClient = async (): Promise<Client> => {
    const client = new Client({ name: 'agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${ingress.baseUrl}/mcp/${mcpResource}`), {
        requestInit: { headers: { authorization: `Bearer ${caller.secret}` } },
      }),
    );
    return client;
  };

  it('Given a connection allowing read_file and list_*, When the SDK client lists tools, Then delete_file is not shown', async () => {
    const client = await mcpClient();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['list_dir', 'read_file']);
    await client.close();
  });

  it('Given a permitted call, When made through the ingress, Then the real result comes back and the upstream got the injected credential', async () => {
    const client = await mcpClient();
    const result = await client.callTool({ name: 'read_file', arguments: { path: '/data/readme.txt' } });
    expect(result.content).toEqual([{ type: 'text', text: 'the real file content' }]);
    expect(mcp.authorizations.at(-1)).toBe('Bearer sk-upstream-secret');
    await client.close();
  });

  it('Given a forbidden tool or argument, When called, Then a clear error names the reason and the upstream never runs it', async () => {
    const client = await mcpClient();
    await expect(
      client.callTool({ name: 'delete_file', arguments: { path: '/data/readme.txt' } }),
    ).rejects.toThrow(/forbidden/);
    await expect(client.callTool({ name: 'read_file', arguments: { path: '/etc/passwd' } })).rejects.toThrow(
      /forbidden.*(prefix|argument|\/data\/)/i,
    );
    expect(mcp.calls.filter((c) => c.startsWith('delete_file') || c.includes('/etc/passwd'))).toEqual([]);
    await client.close();
  });

  it('Given data.read on file:///data/*, When the SDK client lists and reads resources, Then only those are shown and read', async () => {
    const client = await mcpClient();
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([
      'file:///data/poisoned.md',
      'file:///data/readme.txt',
    ]);
    const read = await client.readResource({ uri: 'file:///data/readme.txt' });
    expect(read.contents).toEqual([
      { uri: 'file:///data/readme.txt', mimeType: 'text/plain', text: 'the real file content' },
    ]);
    await expect(client.readResource({ uri: 'file:///secret/keys.txt' })).rejects.toThrow(/forbidden/);
    expect(mcp.calls).not.toContain('read file:///secret/keys.txt');
    await client.close();
  });

  it('Given data.read on prompt:summarize, When prompts are listed and fetched, Then only that prompt is shown and served', async () => {
    const client = await mcpClient();
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['summarize']);
    const prompt = await client.getPrompt({ name: 'summarize' });
    expect(prompt.messages[0]?.content).toEqual({
      type: 'text',
      text: 'Summarize the following text in three bullet points.',
    });
    await expect(client.getPrompt({ name: 'leak_all' })).rejects.toThrow(/forbidden/);
    expect(mcp.calls).not.toContain('prompt leak_all');
    await client.close();
  });

  it('Given a tool result or a resource hiding instructions to the model, When fetched, Then the guardrails block it and the agent never sees it', async () => {
    const client = await mcpClient();
    const viaTool = client.callTool({ name: 'read_file', arguments: { path: '/data/poisoned.md' } });
    await expect(viaTool).rejects.toThrow(/guardrail_blocked/);
    const viaResource = client.readResource({ uri: 'file:///data/poisoned.md' });
    await expect(viaResource).rejects.toThrow(/guardrail_blocked/);
    await expect(viaResource.catch((e: unknown) => String(e))).resolves.not.toContain('evil.example');
    expect(mcp.calls).toEqual(
      expect.arrayContaining(['read_file /data/poisoned.md', 'read file:///data/poisoned.md']),
    );
    expect(POISONED_TEXT).toContain('evil.example');
    await client.close();
  });

  const proxy = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${ingress.baseUrl}/proxy/${apiResource}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${caller.secret}`, ...(init.headers as Record<string, string>) },
    });

  it('Given GET /items/* allowed, When proxied, Then it reaches the upstream path with the injected credential, not the key', async () => {
    const res = await proxy('/items/42?x=1');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, path: '/api/items/42?x=1' });
    expect(res.headers.get('x-warden-decision-id')).toMatch(/^dec_/);
    expect(apiHits.at(-1)).toEqual({
      method: 'GET',
      url: '/api/items/42?x=1',
      authorization: 'Bearer sk-upstream-secret',
    });
  });

  it('Given a method or path not allowed, When proxied, Then 403 forbidden and nothing is sent upstream', async () => {
    const before = apiHits.length;
    expect((await proxy('/items/42', { method: 'DELETE' })).status).toBe(403);
    expect((await proxy('/admin')).status).toBe(403);
    expect(apiHits.length).toBe(before);
  });

  it('Given a path that climbs out of the base, When proxied, Then it is refused before leaving', async () => {
    const before = apiHits.length;
    // node:http sends the path as written (fetch would normalise it away before it left the test).
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${ingress.baseUrl}/proxy/${apiResource}/items/..%2F..%2Fsecret`,
        { headers: { authorization: `Bearer ${caller.secret}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect([400, 403]).toContain(status);
    expect(apiHits.length).toBe(before);
  });

  it('Given an upstream redirect to another origin, When proxied, Then it is not followed and the other host gets nothing', async () => {
    const res = await proxy('/items/away');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { code: string }).code).toBe('upstream_error');
    expect(otherHits).toEqual([]);
  });

  it('Given a body over the limit, When proxied, Then 413 payload_too_large', async () => {
    const res = await proxy('/items', {
      method: 'POST',
      body: 'x'.repeat(5000),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload_too_large');
  });
});
