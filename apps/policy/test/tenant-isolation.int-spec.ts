import { waitFor } from '@warden/testing';
import type { SeededPrincipal } from '../../../test/support/identity-seed';
import { startPolicyApp, type PolicyTestApp } from './policy-test-app';

interface Tenant {
  org: string;
  owner: SeededPrincipal;
  agent: SeededPrincipal;
  resourceId: string;
  connectionId: string;
}

interface Route {
  readonly name: string;
  readonly method: string;
  /** Built from the org in the path and the objects named in it. */
  readonly path: (org: string, t: Tenant) => string;
  readonly body?: (t: Tenant) => unknown;
}

const CONNECTION_BODY = (t: Tenant): unknown => ({
  principalId: t.agent.id,
  resourceId: t.resourceId,
  operations: [{ action: 'mcp.tool', target: 'fs.read' }],
});

/** Every policy admin route. */
const ROUTES: readonly Route[] = [
  {
    name: 'register resource',
    method: 'POST',
    path: (o) => `/v1/orgs/${o}/resources`,
    body: () => ({ kind: 'model', name: 'm', upstream: { baseUrl: 'https://m.example.test' } }),
  },
  {
    name: 'create connection',
    method: 'POST',
    path: (o) => `/v1/orgs/${o}/connections`,
    body: CONNECTION_BODY,
  },
  { name: 'get connection', method: 'GET', path: (o, t) => `/v1/orgs/${o}/connections/${t.connectionId}` },
  {
    name: 'update connection',
    method: 'PATCH',
    path: (o, t) => `/v1/orgs/${o}/connections/${t.connectionId}`,
    body: () => ({ minTrust: 1 }),
  },
  {
    name: 'list versions',
    method: 'GET',
    path: (o, t) => `/v1/orgs/${o}/connections/${t.connectionId}/versions`,
  },
  {
    name: 'diff versions',
    method: 'GET',
    path: (o, t) => `/v1/orgs/${o}/connections/${t.connectionId}/diff?from=1&to=1`,
  },
  {
    name: 'rollback',
    method: 'POST',
    path: (o, t) => `/v1/orgs/${o}/connections/${t.connectionId}/rollback`,
    body: () => ({ toVersion: 1 }),
  },
  {
    name: 'revoke connection',
    method: 'DELETE',
    path: (o, t) => `/v1/orgs/${o}/connections/${t.connectionId}`,
  },
  {
    name: 'publish policies',
    method: 'PUT',
    path: (o) => `/v1/orgs/${o}/policies`,
    body: () => ({ policies: '' }),
  },
  { name: 'list policy versions', method: 'GET', path: (o) => `/v1/orgs/${o}/policies/versions` },
  {
    name: 'simulate',
    method: 'POST',
    path: (o) => `/v1/orgs/${o}/policies/simulate`,
    body: (t) => ({
      policies: '',
      decisions: [
        {
          decisionId: 'dec_1',
          principalId: t.agent.id,
          resourceId: t.resourceId,
          action: 'mcp.tool',
          target: 'fs.read',
          time: new Date().toISOString(),
          decision: 'allow',
        },
      ],
    }),
  },
];

/** Object-naming routes: org A's owner naming org B's objects under org A's path. */
const OBJECT_ROUTES = ROUTES.filter((r) =>
  [
    'create connection',
    'get connection',
    'update connection',
    'list versions',
    'diff versions',
    'rollback',
    'revoke connection',
    'simulate',
  ].includes(r.name),
);

describe('tenant isolation over every policy route', () => {
  let app: PolicyTestApp;
  let a: Tenant;
  let b: Tenant;

  async function tenant(name: string): Promise<Tenant> {
    const org = await app.seed.organization(name);
    const owner = await app.seed.principal(org, 'human', ['owner']);
    const agent = await app.seed.principal(org, 'agent');
    await waitFor(
      () => app.projection.state.principals.has(agent.id) && app.projection.auth.principal(owner.id),
    );
    const resource = await app.call('POST', `/v1/orgs/${org}/resources`, {
      token: owner.key,
      body: { kind: 'mcp_server', name: 'files', upstream: { baseUrl: 'https://tools.example.test' } },
    });
    const resourceId = (resource.body as { id: string }).id;
    const partial = { org, owner, agent, resourceId, connectionId: '' };
    const connection = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body: CONNECTION_BODY(partial),
    });
    return { ...partial, connectionId: (connection.body as { id: string }).id };
  }

  beforeAll(async () => {
    app = await startPolicyApp();
    a = await tenant('A');
    b = await tenant('B');
    await waitFor(() => app.projection.state.connections.has(b.connectionId));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it.each(ROUTES.map((r) => [r.name, r] as const))(
    "%s: org B's owner on org A's path → 404",
    async (_name, route) => {
      const answer = await app.call(route.method, route.path(a.org, a), {
        token: b.owner.key,
        ...(route.body ? { body: route.body(a) } : {}),
      });

      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(a.connectionId);
    },
  );

  it.each(OBJECT_ROUTES.map((r) => [r.name, r] as const))(
    "%s: org A's owner naming org B's objects → 404",
    async (_name, route) => {
      const answer = await app.call(route.method, route.path(a.org, b), {
        token: a.owner.key,
        ...(route.body ? { body: route.body(b) } : {}),
      });

      expect(answer.status).toBe(404);
    },
  );

  it("decision API: org A's agent on org B's resource is denied", async () => {
    const answer = await app.call('POST', '/v1/decisions', {
      token: a.agent.key,
      body: { resourceId: b.resourceId, action: 'mcp.tool', target: 'fs.read' },
    });

    expect(answer.status).toBe(200);
    expect((answer.body as { decision: string }).decision).toBe('deny');
  });

  it("nothing above changed org B's connection", async () => {
    const answer = await app.call('GET', `/v1/orgs/${b.org}/connections/${b.connectionId}/versions`, {
      token: b.owner.key,
    });

    expect((answer.body as { items: unknown[] }).items).toHaveLength(1);
  });
});
