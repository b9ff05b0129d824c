import { BOOTSTRAP_TOKEN, startIdentityApp, type IdentityTestApp } from './identity-test-app';

interface Tenant {
  org: string;
  ownerId: string;
  ownerKey: string;
  agentId: string;
  agentKeyId: string;
  agentKey: string;
}

async function createTenant(app: IdentityTestApp, name: string): Promise<Tenant> {
  const body = (x: { body: unknown }): Record<string, string> => x.body as Record<string, string>;
  const org = body(await app.call('POST', '/v1/orgs', { token: BOOTSTRAP_TOKEN, body: { name } })).id;
  const ownerId = body(
    await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: BOOTSTRAP_TOKEN,
      body: { kind: 'human', name: 'owner', roles: ['owner'] },
    }),
  ).id;
  const ownerKey = body(
    await app.call('POST', `/v1/orgs/${org}/principals/${ownerId}/keys`, {
      token: BOOTSTRAP_TOKEN,
      body: {},
    }),
  ).secret;
  const agentId = body(
    await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: ownerKey,
      body: { kind: 'agent', name: 'agent' },
    }),
  ).id;
  const agentKeyAnswer = body(
    await app.call('POST', `/v1/orgs/${org}/principals/${agentId}/keys`, { token: ownerKey, body: {} }),
  );
  return {
    org,
    ownerId,
    ownerKey,
    agentId,
    agentKeyId: agentKeyAnswer.id,
    agentKey: agentKeyAnswer.secret,
  };
}

type Route = readonly [
  method: string,
  path: (a: Tenant, b: Tenant) => string,
  body?: object | ((a: Tenant, b: Tenant) => object),
];

/** Every identity route that names an organization or its objects, aimed at organization B's objects. */
const ROUTES: readonly Route[] = [
  ['GET', (_a, b) => `/v1/orgs/${b.org}`],
  ['POST', (_a, b) => `/v1/orgs/${b.org}/principals`, { kind: 'agent', name: 'intruder' }],
  ['GET', (_a, b) => `/v1/orgs/${b.org}/principals`],
  ['GET', (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}`],
  ['POST', (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}/suspend`, {}],
  ['POST', (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}/reactivate`, {}],
  ['POST', (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}/revoke`, {}],
  ['POST', (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}/keys`, {}],
  [
    'POST',
    (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}/keys/${b.agentKeyId}/rotate`,
    { gracePeriodSeconds: 0 },
  ],
  ['DELETE', (_a, b) => `/v1/orgs/${b.org}/principals/${b.agentId}/keys/${b.agentKeyId}`],
  // B's objects addressed through A's own organization path
  ['GET', (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}`],
  ['POST', (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}/suspend`, {}],
  ['POST', (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}/reactivate`, {}],
  ['POST', (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}/revoke`, {}],
  ['POST', (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}/keys`, {}],
  [
    'POST',
    (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}/keys/${b.agentKeyId}/rotate`,
    { gracePeriodSeconds: 0 },
  ],
  ['DELETE', (a, b) => `/v1/orgs/${a.org}/principals/${b.agentId}/keys/${b.agentKeyId}`],
  // B's key under A's principal
  [
    'POST',
    (a, b) => `/v1/orgs/${a.org}/principals/${a.agentId}/keys/${b.agentKeyId}/rotate`,
    { gracePeriodSeconds: 0 },
  ],
  ['DELETE', (a, b) => `/v1/orgs/${a.org}/principals/${a.agentId}/keys/${b.agentKeyId}`],
  // A's principal owned by B's human
  [
    'POST',
    (a) => `/v1/orgs/${a.org}/principals`,
    (_a: Tenant, b: Tenant) => ({ kind: 'agent', name: 'owned-elsewhere', ownerId: b.ownerId }),
  ],
];

describe('tenant isolation: an admin of organization A against organization B', () => {
  let app: IdentityTestApp;
  let a: Tenant;
  let b: Tenant;
  let bBefore: string;

  beforeAll(async () => {
    app = await startIdentityApp();
    a = await createTenant(app, 'Alpha');
    b = await createTenant(app, 'Beta');
    bBefore = (await app.call('GET', `/v1/orgs/${b.org}/principals/${b.agentId}`, { token: b.ownerKey }))
      .text;
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(
    ROUTES.map(
      (route) =>
        [
          `${route[0]} ${route[1]({ org: 'A', agentId: 'a-prn', agentKeyId: 'a-key', ownerId: 'a-owner' } as Tenant, { org: 'B', agentId: 'b-prn', agentKeyId: 'b-key', ownerId: 'b-owner' } as Tenant)}`,
          route,
        ] as const,
    ),
  )('%s → 404 (or 400 owner_not_found), no effect', async (_name, [method, path, body]) => {
    const payload = typeof body === 'function' ? body(a, b) : body;
    const answer = await app.call(method, path(a, b), {
      token: a.ownerKey,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const code = (answer.body as { code?: string }).code;
    if (
      path(a, b).endsWith('/principals') &&
      method === 'POST' &&
      path(a, b).startsWith(`/v1/orgs/${a.org}`)
    ) {
      expect([answer.status, code]).toEqual([400, 'owner_not_found']);
    } else {
      expect(answer.status).toBe(404);
    }
    expect(answer.text).not.toContain(b.agentKey);
  });

  it('left organization B exactly as it was: its agent unchanged, its key still working', async () => {
    const after = await app.call('GET', `/v1/orgs/${b.org}/principals/${b.agentId}`, { token: b.ownerKey });
    expect(after.text).toBe(bBefore);
    const list = (await app.call('GET', `/v1/orgs/${b.org}/principals`, { token: b.ownerKey })).body as {
      items: { name: string }[];
    };
    expect(list.items.map((p) => p.name).sort()).toEqual(['agent', 'owner']);
    expect((await app.call('GET', '/v1/whoami', { token: b.agentKey })).status).toBe(200);
  });
});
