import OpenAI, { APIError } from 'openai';
import type { CloudEvent } from '@warden/contracts';
import { createTestDatabase, waitFor, type TestDatabase } from '@warden/testing';
import type { Consumer } from '@warden/bus';
import {
  collectRecords,
  seedAgent,
  seedModelResource,
  startIngress,
  type IngressTestApp,
  type SeededCaller,
} from '../test-support/ingress-test-app';
import { startMockUpstream, type MockUpstream } from '../test-support/mock-openai-upstream';

describe('OpenAI-compatible ingress (item 1) with the official openai client', () => {
  let db: TestDatabase;
  let upstream: MockUpstream;
  let ingress: IngressTestApp;
  let caller: SeededCaller;
  let client: OpenAI;
  let records: { events: CloudEvent[]; consumer: Consumer };

  beforeAll(async () => {
    process.env.MOCK_UPSTREAM_KEY = 'sk-upstream-secret';
    db = await createTestDatabase('warden_ingress');
    upstream = await startMockUpstream();
    ingress = await startIngress(db.url);
    caller = await seedAgent(ingress.bus);
    await seedModelResource(ingress.bus, [ingress.policy], caller, upstream.url);
    client = new OpenAI({ apiKey: caller.secret, baseURL: `${ingress.baseUrl}/v1`, maxRetries: 0 });
    records = await collectRecords(ingress.bus);
    await waitFor(async () => (await client.models.list()).data.length > 0, { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await records?.consumer.close();
    await ingress?.close();
    await upstream?.close();
    await db?.drop();
  });

  const recordsOf = (decisionId: string): CloudEvent[] =>
    records.events.filter((e) => e.subject === decisionId);

  it('Given an allowed key, When it chats, Then the answer comes back, the upstream got the injected credential, and one decision and one usage record exist', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();

    expect(data.choices[0]?.message.content).toBe('Hello from the mock.');
    const decisionId = response.headers.get('x-warden-decision-id') ?? '';
    expect(decisionId).toMatch(/^dec_/);
    expect(response.headers.get('x-warden-request-id')).toBeTruthy();
    const seen = upstream.received.at(-1);
    expect(seen?.headers.authorization).toBe('Bearer sk-upstream-secret');
    expect(JSON.stringify(seen?.headers)).not.toContain(caller.secret);
    await waitFor(() => recordsOf(decisionId).length === 2, { timeoutMs: 5_000 });
    const [decision, usage] = recordsOf(decisionId);
    expect(decision?.type).toBe('warden.decisions.decision.recorded.v1');
    expect(decision?.data).toMatchObject({
      outcome: 'allow',
      budget: { enforced: false, reason: 'metering_not_deployed' },
    });
    expect(usage?.data).toMatchObject({
      inputTokens: 11,
      outputTokens: 5,
      tokenSource: 'upstream',
      completion: 'completed',
    });
    expect(JSON.stringify(decision)).not.toContain('Say hello');
  });

  it('Given a streamed chat with include_usage, When read with the client, Then the chunks and the usage chunk arrive', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello from the mock.');
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 5 });
  });

  it('Given an upstream that reports no usage, When streamed, Then the tokenizer counts it and never zero', async () => {
    upstream.options = { reportUsage: false };
    try {
      const { data: stream, response } = await client.chat.completions
        .create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'Say hello' }],
          stream: true,
          stream_options: { include_usage: true },
        })
        .withResponse();
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
      expect(usage?.completion_tokens).toBeGreaterThan(0);
      const decisionId = response.headers.get('x-warden-decision-id') ?? '';
      await waitFor(() => recordsOf(decisionId).length === 2, { timeoutMs: 5_000 });
      expect(recordsOf(decisionId)[1]?.data).toMatchObject({
        tokenSource: 'tokenizer',
        completion: 'completed',
      });
      expect((recordsOf(decisionId)[1]?.data as { outputTokens: number }).outputTokens).toBeGreaterThan(0);
    } finally {
      upstream.options = {};
    }
  });

  it('Given embeddings and models, When called, Then embeddings answer and models lists only what the key may use', async () => {
    const embedding = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(embedding.data[0]?.embedding).toHaveLength(3);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-4o-mini']);
  });

  it('Given a model no connection allows, When chatting, Then an APIError carries the reason code forbidden', async () => {
    const error = await client.chat.completions
      .create({ model: 'claude-3', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(403);
    expect((error as APIError).code).toBe('forbidden');
  });

  it('Given a bad key, When chatting, Then an APIError carries unauthenticated', async () => {
    const stranger = new OpenAI({
      apiKey: 'wk_' + 'x'.repeat(43),
      baseURL: `${ingress.baseUrl}/v1`,
      maxRetries: 0,
    });
    const error = await stranger.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(401);
    expect((error as APIError).code).toBe('unauthenticated');
    expect((error as APIError).headers?.get('x-warden-decision-id')).toMatch(/^dec_/);
  });

  it('Given a client that aborts a slow stream (item 5), When it disconnects, Then the upstream request is aborted and the usage of what was generated is recorded', async () => {
    upstream.options = { words: Array.from({ length: 50 }, (_, i) => ` w${i}`) };
    try {
      const controller = new AbortController();
      const { data: stream, response } = await client.chat.completions
        .create(
          { model: 'slow-model', messages: [{ role: 'user', content: 'count' }], stream: true },
          { signal: controller.signal },
        )
        .withResponse();
      const decisionId = response.headers.get('x-warden-decision-id') ?? '';
      let chunks = 0;
      try {
        for await (const _chunk of stream) {
          chunks += 1;
          if (chunks === 3) controller.abort();
        }
      } catch {
        // the client reports its own abort
      }
      expect(chunks).toBeLessThan(10);
      await waitFor(() => upstream.aborted.length > 0, { timeoutMs: 5_000 });
      await waitFor(() => recordsOf(decisionId).length === 2, { timeoutMs: 5_000 });
      const usage = recordsOf(decisionId)[1]?.data as {
        completion: string;
        outputTokens: number;
        tokenSource: string;
      };
      expect(usage.completion).toBe('client_aborted');
      expect(usage.tokenSource).toBe('tokenizer');
      expect(usage.outputTokens).toBeGreaterThan(0);
    } finally {
      upstream.options = {};
    }
  });
});
