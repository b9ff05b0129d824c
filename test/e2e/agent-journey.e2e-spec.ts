import { freePort, spawnTsProcess, waitFor, type TsProcess } from '@warden/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { APIError } from 'openai';
import { request } from 'undici';
import { startMockUpstream, type MockUpstream } from '../../apps/ingress/test-support/mock-openai-upstream';

const BOOTSTRAP = 'e2e-journey-bootstrap-0123456789';
const UPSTREAM_SECRET = 'sk-upstream-held-by-warden';

/**
 * The whole product in one process, black-box over HTTP: an operator bootstraps an organization, its owner
 * registers an agent, a model and a connection, the agent calls the model with the official OpenAI client,
 * the analyst finds the decision in the audit trail, and revoking the key stops the agent.
 */
describe('an agent journey through standalone Warden', () => {
  let upstream: MockUpstream;
  let warden: TsProcess;
  let dataDir: string;
  let base: string;

  async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
    const response = await request(`${base}${path}`, {
      method: method as 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${path} → ${response.statusCode} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  beforeAll(async () => {
    upstream = await startMockUpstream();
    dataDir = mkdtempSync(join(tmpdir(), 'warden-journey-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    warden = spawnTsProcess('apps/standalone/src/main.ts', {
      env: {
        PORT: String(port),
        WARDEN_DATA_DIR: dataDir,
        WARDEN_BOOTSTRAP_TOKEN: BOOTSTRAP,
        MOCK_UPSTREAM_KEY: UPSTREAM_SECRET,
        DATABASE_URL: undefined,
        KAFKA_BROKERS: undefined,
        CLICKHOUSE_URL: undefined,
        LOG_LEVEL: 'warn',
      },
    });
    await waitFor(
      async () => {
        try {
          const { statusCode, body } = await request(`${base}/readyz`);
          await body.dump();
          return statusCode === 200;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, intervalMs: 200, message: 'standalone Warden ready' },
    );
  });

  afterAll(async () => {
    await warden?.stop(5_000);
    await upstream?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('governs, records and revokes an agent end to end', async () => {
    const org = await call<{ id: string }>('POST', '/v1/orgs', BOOTSTRAP, { name: 'Journey Org' });
    const owner = await call<{ id: string }>('POST', `/v1/orgs/${org.id}/principals`, BOOTSTRAP, {
      kind: 'human',
      name: 'Owner',
      roles: ['owner'],
    });
    const ownerKey = await call<{ secret: string }>(
      'POST',
      `/v1/orgs/${org.id}/principals/${owner.id}/keys`,
      BOOTSTRAP,
      {},
    );
    const admin = ownerKey.secret;

    const agent = await call<{ id: string }>('POST', `/v1/orgs/${org.id}/principals`, admin, {
      kind: 'agent',
      name: 'support-bot',
    });
    const agentKey = await call<{ id: string; secret: string }>(
      'POST',
      `/v1/orgs/${org.id}/principals/${agent.id}/keys`,
      admin,
      {},
    );
    const model = await call<{ id: string }>('POST', `/v1/orgs/${org.id}/resources`, admin, {
      kind: 'model',
      name: 'mock-openai',
      upstream: { baseUrl: upstream.url, credentialRef: 'env:MOCK_UPSTREAM_KEY' },
    });
    await call('POST', `/v1/orgs/${org.id}/connections`, admin, {
      principalId: agent.id,
      resourceId: model.id,
      operations: [{ action: 'model.chat', target: 'gpt-4o*' }],
    });

    const client = new OpenAI({ apiKey: agentKey.secret, baseURL: `${base}/v1`, maxRetries: 0 });
    await waitFor(async () => (await client.models.list().catch(() => ({ data: [] }))).data.length > 0, {
      timeoutMs: 15_000,
      message: 'the ingress projections learned the agent and its connection',
    });

    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(completion.choices[0]?.message.content).toBeTruthy();
    const forwarded = upstream.received.find((r) => r.path.endsWith('/chat/completions'));
    expect(forwarded?.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);

    const denied = await client.chat.completions
      .create({ model: 'claude-3', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(APIError);

    await waitFor(
      async () => {
        const page = await call<{ items: Array<{ type: string }> }>(
          'GET',
          `/v1/orgs/${org.id}/audit/events?principalId=${agent.id}&type=warden.decisions.decision.recorded.v1`,
          admin,
        );
        return page.items.length >= 2;
      },
      { timeoutMs: 20_000, message: 'both decisions are queryable in the audit trail' },
    );

    await call('DELETE', `/v1/orgs/${org.id}/principals/${agent.id}/keys/${agentKey.id}`, admin);
    await waitFor(
      async () => {
        const error = await client.models.list().catch((e: unknown) => e);
        return error instanceof APIError && error.status === 401;
      },
      { timeoutMs: 10_000, message: 'the revoked key is refused' },
    );
  });
});
