import OpenAI, { APIError } from 'openai';
import { createTestDatabase, waitFor, type TestDatabase } from '@warden/testing';
import {
  revokeKey,
  seedAgent,
  seedModelResource,
  startIngress,
  type IngressTestApp,
} from '../test-support/ingress-test-app';
import { startMockUpstream, type MockUpstream } from '../test-support/mock-openai-upstream';

async function awayFromMinuteEdge(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

async function chat(client: OpenAI): Promise<number | string> {
  try {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    return 200;
  } catch (error: unknown) {
    if (error instanceof APIError) return String(error.code);
    throw error;
  }
}

describe('Two ingress replicas on one database (items 3 and 4)', () => {
  let db: TestDatabase;
  let upstream: MockUpstream;
  let a: IngressTestApp;
  let b: IngressTestApp;

  beforeAll(async () => {
    process.env.MOCK_UPSTREAM_KEY = 'sk-upstream-secret';
    db = await createTestDatabase('warden_ingress_rep');
    upstream = await startMockUpstream();
    a = await startIngress(db.url);
    b = await startIngress(db.url);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await upstream?.close();
    await db?.drop();
  });

  const clients = async (rateLimit: {
    requestsPerMinute?: number;
    tokensPerMinute?: number;
  }): Promise<[OpenAI, OpenAI, string]> => {
    const caller = await seedAgent(a.bus);
    await seedModelResource(a.bus, [a.policy, b.policy], caller, upstream.url, { rateLimit });
    const make = (app: IngressTestApp): OpenAI =>
      new OpenAI({ apiKey: caller.secret, baseURL: `${app.baseUrl}/v1`, maxRetries: 0 });
    const [ca, cb] = [make(a), make(b)];
    await waitFor(async () => (await ca.models.list()) && (await cb.models.list()), { timeoutMs: 10_000 });
    return [ca, cb, caller.principalId];
  };

  it('Given 4 requests/min on a connection, When requests alternate between the replicas, Then the fifth and sixth are rate_limited', async () => {
    const [ca, cb] = await clients({ requestsPerMinute: 4 });
    await awayFromMinuteEdge();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await chat(i % 2 === 0 ? ca : cb));
    expect(results).toEqual([200, 200, 200, 200, 'rate_limited', 'rate_limited']);
  });

  it('Given 40 tokens/min, When each call uses 16 tokens across replicas, Then the third call is refused for tokens', async () => {
    const [ca, cb] = await clients({ tokensPerMinute: 40 });
    await awayFromMinuteEdge();
    expect([await chat(ca), await chat(cb), await chat(ca)]).toEqual([200, 200, 'rate_limited']);
  });

  it('Given a key in use on both replicas, When it is revoked, Then both answer 401 within the propagation bound', async () => {
    const caller = await seedAgent(a.bus);
    await seedModelResource(a.bus, [a.policy, b.policy], caller, upstream.url);
    const make = (app: IngressTestApp): OpenAI =>
      new OpenAI({ apiKey: caller.secret, baseURL: `${app.baseUrl}/v1`, maxRetries: 0 });
    await waitFor(async () => (await chat(make(a))) === 200 && (await chat(make(b))) === 200, {
      timeoutMs: 10_000,
    });

    const revokedAt = Date.now();
    await revokeKey(a.bus, caller);
    await waitFor(
      async () => (await chat(make(a))) === 'unauthenticated' && (await chat(make(b))) === 'unauthenticated',
      {
        timeoutMs: 5_000,
        intervalMs: 10,
      },
    );
    const propagationMs = Date.now() - revokedAt;
    process.stdout.write(`revocation propagation to both replicas: ${propagationMs} ms\n`);
    expect(propagationMs).toBeLessThan(2_000);
  });

  it("Given another organization's resource, When asked about it, Then the answer is exactly the one for a resource that does not exist", async () => {
    const mine = await seedAgent(a.bus);
    const theirs = await seedAgent(a.bus);
    const { resourceId: theirResource } = await seedModelResource(a.bus, [a.policy], theirs, upstream.url);
    const ask = async (resourceId: string): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(`${a.baseUrl}/v1/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${mine.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ resourceId, action: 'model.chat', target: 'gpt-4o-mini' }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    await waitFor(async () => (await ask('res_doesnotexist')).status === 404, { timeoutMs: 10_000 });
    const other = await ask(theirResource);
    const missing = await ask('res_doesnotexist');
    expect(other.status).toBe(404);
    expect({ ...other.body, detail: String(other.body.detail).replace(theirResource, 'X') }).toEqual({
      ...missing.body,
      detail: String(missing.body.detail).replace('res_doesnotexist', 'X'),
    });
  });
});
