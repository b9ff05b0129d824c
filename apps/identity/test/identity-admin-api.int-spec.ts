import { eventSchemas } from '@warden/contracts';
import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { waitFor } from '@warden/testing';
import { KeyUsageReporting } from '../src/read-model/key-usage-reporting';
import {
  BOOTSTRAP_TOKEN,
  startIdentityApp,
  type HttpAnswer,
  type IdentityTestApp,
} from './identity-test-app';

interface Body {
  [key: string]: unknown;
}
const json = (answer: HttpAnswer): Body => answer.body as Body;

describe('identity admin API over HTTP (PostgreSQL)', () => {
  let app: IdentityTestApp;
  let org: string;
  let ownerId: string;
  let ownerKey: string;
  /** Each issued secret with the index (in app.responses) of the one response allowed to carry it. */
  const secrets: { secret: string; responseIndex: number }[] = [];

  const issueKey = async (
    token: string,
    principalId: string,
    body: Body = {},
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> => {
    const answer = await app.call('POST', `/v1/orgs/${org}/principals/${principalId}/keys`, {
      token,
      body,
      headers,
    });
    const secret = json(answer).secret;
    if (typeof secret === 'string') secrets.push({ secret, responseIndex: app.responses.length - 1 });
    return answer;
  };

  beforeAll(async () => {
    app = await startIdentityApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('bootstraps: the operator creates an organization, its first owner and that owner first key — and nothing else', async () => {
    const created = await app.call('POST', '/v1/orgs', { token: BOOTSTRAP_TOKEN, body: { name: 'Acme' } });
    expect(created.status).toBe(201);
    expect(json(created)).toEqual({
      id: expect.stringMatching(/^org_/),
      name: 'Acme',
      createdAt: expect.any(String),
    });
    org = String(json(created).id);

    expect((await app.call('GET', `/v1/orgs/${org}`, { token: BOOTSTRAP_TOKEN })).status).toBe(403);
    expect(
      (
        await app.call('POST', `/v1/orgs/${org}/principals`, {
          token: BOOTSTRAP_TOKEN,
          body: { kind: 'agent', name: 'x' },
        })
      ).status,
    ).toBe(403);

    const owner = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: BOOTSTRAP_TOKEN,
      body: { kind: 'human', name: 'Ada', roles: ['owner'], attributes: { team: 'platform' } },
    });
    expect(owner.status).toBe(201);
    expect(json(owner)).toMatchObject({
      kind: 'human',
      name: 'Ada',
      status: 'active',
      roles: ['owner'],
      version: 1,
      attributes: { team: 'platform' },
    });
    ownerId = String(json(owner).id);

    const second = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: BOOTSTRAP_TOKEN,
      body: { kind: 'human', name: 'Eve', roles: ['owner'] },
    });
    expect(second.status).toBe(403);

    const key = await issueKey(BOOTSTRAP_TOKEN, ownerId, { name: 'laptop' });
    expect(key.status).toBe(201);
    expect(json(key)).toMatchObject({
      id: expect.stringMatching(/^key_/),
      prefix: expect.stringMatching(/^wk_/),
      secret: expect.stringMatching(/^wk_[A-Za-z0-9_-]{43}$/),
    });
    ownerKey = String(json(key).secret);
    expect(String(json(key).secret).startsWith(String(json(key).prefix))).toBe(true);

    expect((await issueKey(BOOTSTRAP_TOKEN, ownerId)).status).toBe(403);
    expect(
      (await app.call('POST', '/v1/orgs', { token: 'wrong-token-wrong-token-wrong', body: { name: 'x' } }))
        .status,
    ).toBe(401);
  });

  it('whoami names the caller; the owner reads its organization', async () => {
    const who = await app.call('GET', '/v1/whoami', { token: ownerKey });
    expect(who.status).toBe(200);
    expect(json(who)).toMatchObject({
      authenticatedWith: 'api_key',
      principal: { id: ownerId, organizationId: org, kind: 'human', roles: ['owner'] },
    });
    const got = await app.call('GET', `/v1/orgs/${org}`, { token: ownerKey });
    expect(json(got)).toMatchObject({ id: org, name: 'Acme' });
    expect((await app.call('POST', '/v1/orgs', { token: ownerKey, body: { name: 'Other' } })).status).toBe(
      403,
    );
  });

  it('rejects bad input with 400 problem+json and field errors, unknown objects with 404', async () => {
    const bad = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: ownerKey,
      body: { kind: 'robot', name: '', extra: 1, attributes: { labels: { 'bad key!': 'x' } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const fields = (json(bad).errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'name', 'extra', 'attributes.labels']));

    const agentWithRole = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: ownerKey,
      body: { kind: 'agent', name: 'a', roles: ['admin'] },
    });
    expect(agentWithRole.status).toBe(400);
    expect(json(agentWithRole).code).toBe('roles_not_allowed');

    const missing = await app.call('GET', `/v1/orgs/${org}/principals/prn_doesnotexist`, { token: ownerKey });
    expect(missing.status).toBe(404);
    expect(json(missing).code).toBe('principal_not_found');
    expect(
      (
        await app.call('POST', `/v1/orgs/${org}/principals/${ownerId}/keys/key_nope/rotate`, {
          token: ownerKey,
          body: { gracePeriodSeconds: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it('agents: key issued, authenticates, never admin; suspend stops it at once (If-Match checked), reactivate restores it', async () => {
    const agent = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: ownerKey,
      body: {
        kind: 'agent',
        name: 'invoice-bot',
        attributes: { environment: 'prod', labels: { tier: '1' } },
      },
    });
    expect(agent.status).toBe(201);
    expect(json(agent)).toMatchObject({ ownerId, roles: [], version: 1 });
    const agentId = String(json(agent).id);
    const key = await issueKey(ownerKey, agentId, {
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    const agentKey = String(json(key).secret);

    expect(json(await app.call('GET', '/v1/whoami', { token: agentKey }))).toMatchObject({
      principal: { id: agentId, kind: 'agent' },
    });
    expect((await app.call('GET', `/v1/orgs/${org}`, { token: agentKey })).status).toBe(403);

    const current = await app.call('GET', `/v1/orgs/${org}/principals/${agentId}`, { token: ownerKey });
    expect(json(current)).toMatchObject({
      version: 2,
      keys: [{ id: json(key).id, status: 'active', prefix: json(key).prefix }],
    });
    expect(current.text).not.toContain(agentKey);
    expect(current.headers.get('etag')).toBe('"2"');

    const stale = await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/suspend`, {
      token: ownerKey,
      body: {},
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const suspended = await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/suspend`, {
      token: ownerKey,
      body: { reason: 'incident' },
      headers: { 'if-match': '"2"' },
    });
    expect(suspended.status).toBe(200);
    expect(json(suspended)).toMatchObject({ status: 'suspended', version: 3 });
    const refused = await app.call('GET', '/v1/whoami', { token: agentKey });
    expect(refused.status).toBe(401);
    expect(json(refused).code).toBe('key_principal_suspended');
    expect(
      (await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/suspend`, { token: ownerKey })).status,
    ).toBe(409);

    expect(
      (await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/reactivate`, { token: ownerKey }))
        .status,
    ).toBe(200);
    expect((await app.call('GET', '/v1/whoami', { token: agentKey })).status).toBe(200);

    const revoked = await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/revoke`, {
      token: ownerKey,
      body: {},
    });
    expect(json(revoked)).toMatchObject({ status: 'revoked' });
    expect(json(await app.call('GET', '/v1/whoami', { token: agentKey })).code).toBe('key_principal_revoked');
    const again = await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/reactivate`, {
      token: ownerKey,
    });
    expect([again.status, json(again).code]).toEqual([409, 'principal_revoked']);
  });

  it('rotation: old and new keys both work during the grace period; DELETE revokes a key at once', async () => {
    const app1 = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: ownerKey,
      body: { kind: 'application', name: 'billing', roles: ['auditor'] },
    });
    const appId = String(json(app1).id);
    const first = await issueKey(ownerKey, appId);
    const oldKey = String(json(first).secret);
    const rotated = await app.call(
      'POST',
      `/v1/orgs/${org}/principals/${appId}/keys/${String(json(first).id)}/rotate`,
      {
        token: ownerKey,
        body: { gracePeriodSeconds: 600 },
      },
    );
    expect(rotated.status).toBe(201);
    secrets.push({ secret: String(json(rotated).secret), responseIndex: app.responses.length - 1 });
    expect(json(rotated)).toMatchObject({
      rotatedFrom: json(first).id,
      previousKey: { id: json(first).id, graceEndsAt: expect.any(String) },
    });
    const newKey = String(json(rotated).secret);
    expect((await app.call('GET', `/v1/orgs/${org}`, { token: oldKey })).status).toBe(200);
    expect((await app.call('GET', `/v1/orgs/${org}`, { token: newKey })).status).toBe(200);
    // an auditor reads but never writes
    expect(
      (
        await app.call('POST', `/v1/orgs/${org}/principals`, {
          token: newKey,
          body: { kind: 'agent', name: 'z' },
        })
      ).status,
    ).toBe(403);

    const rotateAgain = await app.call(
      'POST',
      `/v1/orgs/${org}/principals/${appId}/keys/${String(json(first).id)}/rotate`,
      { token: ownerKey, body: { gracePeriodSeconds: 1 } },
    );
    expect([rotateAgain.status, json(rotateAgain).code]).toEqual([409, 'key_already_rotated']);

    const deleted = await app.call(
      'DELETE',
      `/v1/orgs/${org}/principals/${appId}/keys/${String(json(rotated).id)}`,
      { token: ownerKey },
    );
    expect(deleted.status).toBe(204);
    expect(json(await app.call('GET', '/v1/whoami', { token: newKey })).code).toBe('key_revoked');
    const revokeAgain = await app.call(
      'DELETE',
      `/v1/orgs/${org}/principals/${appId}/keys/${String(json(rotated).id)}`,
      { token: ownerKey },
    );
    expect([revokeAgain.status, json(revokeAgain).code]).toEqual([409, 'key_revoked']);
  });

  it('Idempotency-Key: a repeated creating call answers the first response again and has no second effect', async () => {
    const headers = { 'idempotency-key': 'create-bot-7' };
    const body = { kind: 'mcp_server', name: 'files' };
    const first = await app.call('POST', `/v1/orgs/${org}/principals`, { token: ownerKey, body, headers });
    const second = await app.call('POST', `/v1/orgs/${org}/principals`, { token: ownerKey, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const list = await app.call('GET', `/v1/orgs/${org}/principals?kind=mcp_server`, { token: ownerKey });
    expect((json(list).items as unknown[]).length).toBe(1);

    const principalId = String(json(first).id);
    const k1 = await issueKey(ownerKey, principalId, { name: 'k' }, { 'idempotency-key': 'key-1' });
    const k2 = await issueKey(ownerKey, principalId, { name: 'k' }, { 'idempotency-key': 'key-1' });
    expect(k2.status).toBe(201);
    expect(json(k2).id).toBe(json(k1).id);
    // The secret is shown once: the replay repeats the first response without it.
    expect(json(k2).secret).toBeUndefined();
    const { secret: _secret, ...withoutSecret } = json(k1);
    expect(json(k2)).toEqual(withoutSecret);
    const keys = json(await app.call('GET', `/v1/orgs/${org}/principals/${principalId}`, { token: ownerKey }))
      .keys as unknown[];
    expect(keys).toHaveLength(1);

    const reused = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: ownerKey,
      body: { kind: 'agent', name: 'other' },
      headers,
    });
    expect([reused.status, json(reused).code]).toEqual([422, 'idempotency_key_reused']);

    const orgA = await app.call('POST', '/v1/orgs', {
      token: BOOTSTRAP_TOKEN,
      body: { name: 'Idem' },
      headers: { 'idempotency-key': 'org-1' },
    });
    const orgB = await app.call('POST', '/v1/orgs', {
      token: BOOTSTRAP_TOKEN,
      body: { name: 'Idem' },
      headers: { 'idempotency-key': 'org-1' },
    });
    expect(orgB.body).toEqual(orgA.body);
  });

  it('lists principals cursor-paginated, with kind and status filters', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: HttpAnswer = await app.call(
        'GET',
        `/v1/orgs/${org}/principals?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: ownerKey },
      );
      expect(page.status).toBe(200);
      const items = json(page).items as { id: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((i) => i.id));
      cursor = json(page).nextCursor as string | null;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const revoked = json(
      await app.call('GET', `/v1/orgs/${org}/principals?status=revoked`, { token: ownerKey }),
    ).items as { kind: string }[];
    expect(revoked.map((p) => p.kind)).toEqual(['agent']);
    expect((await app.call('GET', `/v1/orgs/${org}/principals?limit=1000`, { token: ownerKey })).status).toBe(
      400,
    );
    expect(
      (await app.call('GET', `/v1/orgs/${org}/principals?cursor=bm9wZQ`, { token: ownerKey })).status,
    ).toBe(400);
  });

  it('records every change as a schema-valid identity event: subject = the aggregate, principalid = who acted', async () => {
    const events = (await app.nest.get<EventStore>(EVENT_STORE).readAll({ after: 0, limit: 1000 })).map(
      (e) => e.event,
    );
    const registry = eventSchemas();
    for (const e of events) expect(registry.validate(e)).toEqual({ ok: true });
    const issued = events.filter((e) => e.type === 'warden.identity.key.issued.v1');
    expect(issued.length).toBeGreaterThanOrEqual(5);
    const byOperator = issued.find((e) => (e.data as { principalId: string }).principalId === ownerId);
    expect(byOperator?.principalid).toBeUndefined();
    expect(byOperator?.subject).toBe(ownerId);
    const byOwner = issued.filter((e) => (e.data as { principalId: string }).principalId !== ownerId);
    expect(byOwner.every((e) => e.principalid === ownerId && e.orgid === org)).toBe(true);
  });

  it('documents every identity route in /openapi.json', async () => {
    const doc = json(await app.call('GET', '/openapi.json')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/orgs',
        'GET /v1/orgs/{org}',
        'POST /v1/orgs/{org}/principals',
        'GET /v1/orgs/{org}/principals',
        'GET /v1/orgs/{org}/principals/{id}',
        'POST /v1/orgs/{org}/principals/{id}/suspend',
        'POST /v1/orgs/{org}/principals/{id}/reactivate',
        'POST /v1/orgs/{org}/principals/{id}/revoke',
        'POST /v1/orgs/{org}/principals/{id}/keys',
        'POST /v1/orgs/{org}/principals/{id}/keys/{keyId}/rotate',
        'DELETE /v1/orgs/{org}/principals/{id}/keys/{keyId}',
        'GET /v1/whoami',
      ]),
    );
  });

  it('tracks last use without a write per request: batched key.used reports reach the read model', async () => {
    await app.call('GET', '/v1/whoami', { token: ownerKey });
    await app.nest.get(KeyUsageReporting).flush();
    let keys: { lastUsedAt?: string }[] = [];
    await waitFor(async () => {
      keys = json(await app.call('GET', `/v1/orgs/${org}/principals/${ownerId}`, { token: ownerKey }))
        .keys as { lastUsedAt?: string }[];
      return keys[0]?.lastUsedAt !== undefined;
    });
    expect(Date.parse(String(keys[0]?.lastUsedAt))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never shows a key secret again: not in logs, not in the database (events, bus log), not in any later response', async () => {
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const logs = app.logs.join('\n');
    const database = await app.dumpDatabase();
    expect(database).toContain('warden.identity.key.issued.v1');
    expect(logs).toContain('request completed');
    for (const { secret, responseIndex } of secrets) {
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(secret.slice(3));
      expect(database).not.toContain(secret);
      expect(database).not.toContain(secret.slice(3));
      app.responses.forEach((response, index) => {
        if (index !== responseIndex) expect(response).not.toContain(secret);
      });
    }
  });
});
