import { waitFor } from '@warden/testing';
import type { SeededPrincipal } from '../../../test/support/identity-seed';
import { startPolicyApp, type PolicyTestApp } from './policy-test-app';

const SECRET_VALUE = 'sk-upstream-credential-never-shown-0123456789';
const CREDENTIAL_ENV = 'POLICY_IT_FILES_TOKEN';

interface Connection {
  id: string;
  version: number;
  status: string;
  minTrust?: number;
  operations: unknown[];
  failMode: string;
}

describe('policy admin API over HTTP (PostgreSQL, embedded bus)', () => {
  let app: PolicyTestApp;
  let org: string;
  let owner: SeededPrincipal;
  let auditor: SeededPrincipal;
  let agent: SeededPrincipal;
  let resourceId: string;

  beforeAll(async () => {
    process.env[CREDENTIAL_ENV] = SECRET_VALUE;
    app = await startPolicyApp();
    org = await app.seed.organization('Acme');
    owner = await app.seed.principal(org, 'human', ['owner']);
    auditor = await app.seed.principal(org, 'human', ['auditor']);
    agent = await app.seed.principal(org, 'agent');
    await waitFor(
      () => app.projection.state.principals.has(agent.id) && app.projection.auth.principal(owner.id),
      {
        message: 'identity events reached the policy projection',
      },
    );
    const registered = await app.call('POST', `/v1/orgs/${org}/resources`, {
      token: owner.key,
      body: {
        kind: 'mcp_server',
        name: 'files',
        upstream: { baseUrl: 'https://tools.example.test/mcp', credentialRef: `env:${CREDENTIAL_ENV}` },
        attributes: { labels: ['confidential'] },
      },
    });
    expect(registered.status).toBe(201);
    resourceId = (registered.body as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    delete process.env[CREDENTIAL_ENV];
  });

  const create = async (body: Record<string, unknown> = {}): Promise<Connection> => {
    const answer = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body: {
        principalId: agent.id,
        resourceId,
        operations: [{ action: 'mcp.tool', target: 'fs.*', constraints: { path: { prefix: '/srv/' } } }],
        minTrust: 0,
        ...body,
      },
    });
    expect(answer.status).toBe(201);
    return answer.body as Connection;
  };

  it('registers a resource by credential reference: the credential is in no response, log line or event', async () => {
    const unresolved = await app.call('POST', `/v1/orgs/${org}/resources`, {
      token: owner.key,
      body: {
        kind: 'model',
        name: 'x',
        upstream: { baseUrl: 'https://api.example.test', credentialRef: 'env:POLICY_IT_UNSET_VAR' },
      },
    });
    expect(unresolved.status).toBe(400);
    expect((unresolved.body as { code: string }).code).toBe('credential_ref_unresolved');
    const raw = await app.call('POST', `/v1/orgs/${org}/resources`, {
      token: owner.key,
      body: {
        kind: 'model',
        name: 'x',
        upstream: { baseUrl: 'https://api.example.test', credentialRef: SECRET_VALUE },
      },
    });
    expect(raw.status).toBe(400);

    const events = await app.store.readAll({ after: 0, limit: 10_000 });
    expect(JSON.stringify(events)).not.toContain(SECRET_VALUE);
    expect(app.responses.join('\n')).not.toContain(SECRET_VALUE);
    expect(app.logs.join('\n')).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(events)).toContain(`env:${CREDENTIAL_ENV}`);
  });

  it('Idempotency-Key: the same creating call twice names one connection', async () => {
    const body = { principalId: agent.id, resourceId, operations: [{ action: 'mcp.tool', target: 'x' }] };
    const first = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body,
      headers: { 'idempotency-key': 'k-1' },
    });
    const again = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body,
      headers: { 'idempotency-key': 'k-1' },
    });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((again.body as Connection).id).toBe((first.body as Connection).id);
  });

  it('versions: a stale If-Match → 412; history lists every version with actor and time; diff shows the changed fields; rollback yields a new version equal to the old one', async () => {
    const v1 = await create({ minTrust: 10 });
    const path = `/v1/orgs/${org}/connections/${v1.id}`;

    const v2 = await app.call('PATCH', path, {
      token: owner.key,
      body: { minTrust: 70, failMode: 'open' },
      headers: { 'if-match': '"1"' },
    });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('etag')).toBe('"2"');
    expect(v2.body).toMatchObject({ version: 2, minTrust: 70, failMode: 'open' });

    const stale = await app.call('PATCH', path, {
      token: owner.key,
      body: { minTrust: 5 },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect((stale.body as { code: string }).code).toBe('version_mismatch');

    const diff = await app.call('GET', `${path}/diff?from=1&to=2`, { token: auditor.key });
    expect(diff.status).toBe(200);
    expect((diff.body as { changes: unknown[] }).changes).toEqual([
      { field: 'minTrust', before: 10, after: 70 },
      { field: 'failMode', before: 'closed', after: 'open' },
    ]);

    const v3 = await app.call('POST', `${path}/rollback`, {
      token: owner.key,
      body: { toVersion: 1 },
      headers: { 'if-match': '2' },
    });
    expect(v3.status).toBe(200);
    expect(v3.body).toMatchObject({ version: 3, minTrust: 10, failMode: 'closed' });
    const sameAsV1 = await app.call('GET', `${path}/diff?from=1&to=3`, { token: owner.key });
    expect((sameAsV1.body as { changes: unknown[] }).changes).toEqual([]);

    expect((await app.call('DELETE', path, { token: owner.key })).status).toBe(204);

    const history = await app.call('GET', `${path}/versions`, { token: auditor.key });
    expect(history.status).toBe(200);
    const items = (
      history.body as {
        items: { version: number; actor: string; at: string; change: string; changedFields: string[] }[];
      }
    ).items;
    expect(items.map((i) => [i.version, i.change, i.actor])).toEqual([
      [1, 'created', owner.id],
      [2, 'updated', owner.id],
      [3, 'rolled_back', owner.id],
      [4, 'revoked', owner.id],
    ]);
    for (const item of items) expect(Date.now() - Date.parse(item.at)).toBeLessThan(60_000);
    expect(items[1]?.changedFields).toEqual(['minTrust', 'failMode']);
  });

  it('a malformed change is a 400 naming the problem, never a stored event', async () => {
    const connection = await create();
    const path = `/v1/orgs/${org}/connections/${connection.id}`;
    const cases: unknown[] = [
      { operations: null },
      { operations: [] },
      { operations: [{ action: 'mcp.tool', target: 'x', constraints: { path: null } }] },
      { rateLimit: { requestsPerMinute: -1 } },
      { operations: [{ action: 'shell.exec', target: 'x' }] },
    ];
    for (const body of cases) {
      const answer = await app.call('PATCH', path, { token: owner.key, body });
      expect([answer.status, JSON.stringify(body)]).toEqual([400, JSON.stringify(body)]);
    }
    const history = await app.call('GET', `${path}/versions`, { token: owner.key });
    expect((history.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('roles: an auditor reads but does not write; no credential → 401', async () => {
    const connection = await create();
    const write = await app.call('PATCH', `/v1/orgs/${org}/connections/${connection.id}`, {
      token: auditor.key,
      body: { minTrust: 3 },
    });
    expect(write.status).toBe(403);
    expect(
      (await app.call('GET', `/v1/orgs/${org}/connections/${connection.id}`, { token: auditor.key })).status,
    ).toBe(200);
    expect((await app.call('GET', `/v1/orgs/${org}/connections/${connection.id}`)).status).toBe(401);
    expect(
      (await app.call('GET', `/v1/orgs/${org}/connections/${connection.id}`, { token: agent.key })).status,
    ).toBe(403);
  });

  it("policy sets: an invalid set → 400 with Cedar's message; each publication is a version", async () => {
    const invalid = await app.call('PUT', `/v1/orgs/${org}/policies`, {
      token: owner.key,
      body: { policies: 'forbid(principal, action, resource) when { context.noSuchThing == 1 };' },
    });
    expect(invalid.status).toBe(400);
    const problem = invalid.body as {
      code: string;
      detail: string;
      errors: { field: string; message: string }[];
    };
    expect(problem.code).toBe('policy_set_invalid');
    expect(problem.errors[0]?.field).toBe('policies');
    expect(problem.detail).toContain('noSuchThing');

    const published = await app.call('PUT', `/v1/orgs/${org}/policies`, {
      token: owner.key,
      body: { policies: '' },
    });
    expect(published.status).toBe(200);
    const versions = await app.call('GET', `/v1/orgs/${org}/policies/versions`, { token: auditor.key });
    const items = (versions.body as { items: { version: number; actor: string }[] }).items;
    expect(items.at(-1)).toMatchObject({
      version: (published.body as { version: number }).version,
      actor: owner.id,
    });
  });
});
