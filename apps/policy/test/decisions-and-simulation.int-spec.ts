import { BUS, type Bus } from '@warden/bus';
import { TOPICS, type CloudEvent } from '@warden/contracts';
import { waitFor } from '@warden/testing';
import type { SeededPrincipal } from '../../../test/support/identity-seed';
import { startPolicyApp, type PolicyTestApp } from './policy-test-app';

interface DecisionAnswer {
  decision: string;
  reasons: { code: string; message: string; policyIds?: string[] }[];
  obligations: Record<string, unknown>;
  decisionId: string;
  policyVersion: string;
}

describe('decision API and simulation over HTTP', () => {
  let app: PolicyTestApp;
  let org: string;
  let owner: SeededPrincipal;
  let agent: SeededPrincipal;
  let resourceId: string;
  let connectionId: string;
  let profileId: string;

  const decide = async (
    target: string,
    args?: Record<string, unknown>,
    token = agent.key,
  ): Promise<DecisionAnswer> => {
    const answer = await app.call('POST', '/v1/decisions', {
      token,
      body: { resourceId, action: 'mcp.tool', target, ...(args !== undefined ? { arguments: args } : {}) },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-warden-decision-id')).toBe((answer.body as DecisionAnswer).decisionId);
    return answer.body as DecisionAnswer;
  };

  beforeAll(async () => {
    app = await startPolicyApp();
    org = await app.seed.organization('Acme');
    owner = await app.seed.principal(org, 'human', ['owner']);
    agent = await app.seed.principal(org, 'agent');
    profileId = await app.guardrails.profile(org);
    await waitFor(
      () =>
        app.projection.state.principals.has(agent.id) &&
        app.projection.auth.principal(owner.id) &&
        app.projection.guardrailProfiles.has(org, profileId),
    );
    resourceId = (
      (
        await app.call('POST', `/v1/orgs/${org}/resources`, {
          token: owner.key,
          body: {
            kind: 'mcp_server',
            name: 'files',
            upstream: { baseUrl: 'https://tools.example.test/mcp' },
          },
        })
      ).body as { id: string }
    ).id;
    const created = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body: {
        principalId: agent.id,
        resourceId,
        operations: [
          { action: 'mcp.tool', target: 'fs.*', constraints: { path: { prefix: '/srv/reports/' } } },
          { action: 'mcp.tool', target: 'pay', constraints: { amount: { max: 100 } } },
        ],
        guardrailProfileId: profileId,
      },
    });
    connectionId = (created.body as { id: string }).id;
    await waitFor(() => app.projection.state.connections.has(connectionId), {
      message: 'connection in the projection',
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it("decides with the API key's principal: allow with obligations, deny outside the constraints, naming the policy", async () => {
    const allowed = await decide('fs.read', { path: '/srv/reports/q3.pdf' });
    expect(allowed).toMatchObject({ decision: 'allow', obligations: { guardrailProfileId: profileId } });
    expect(allowed.decisionId).toMatch(/^dec_/);
    expect(allowed.policyVersion).toContain(connectionId);

    const outside = await decide('fs.read', { path: '/etc/passwd' });
    expect(outside.decision).toBe('deny');
    expect(outside.reasons[0]?.code).toBe('argument_constraint');
    expect((await decide('pay', { amount: 500 })).decision).toBe('deny');
    expect((await decide('pay', { amount: 50 })).decision).toBe('allow');

    const unauthenticated = await app.call('POST', '/v1/decisions', {
      body: { resourceId, action: 'mcp.tool', target: 'fs.read' },
    });
    expect(unauthenticated.status).toBe(401);

    // Off the fast path: the platform's validation pipe answers, with its field errors.
    const invalid = await app.call('POST', '/v1/decisions', {
      token: agent.key,
      body: { resourceId, action: 'mcp.tool', target: '', principalId: agent.id },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    const problem = invalid.body as { code: string; errors: { field: string; message: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['principalId', 'target']);
  });

  it('records every answer on warden.decisions.v1 before returning it: outcome, reasons, policy version, connection', async () => {
    const recorded: CloudEvent[] = [];
    const consumer = await app.nest.get<Bus>(BUS).consume({
      groupId: `test-decision-records-${Date.now()}`,
      topics: [TOPICS.decisions],
      fromBeginning: true,
      handle: (message) => {
        recorded.push(message.event);
        return Promise.resolve();
      },
    });
    try {
      const allowed = await decide('fs.read', { path: '/srv/reports/q4.pdf' });
      const denied = await decide('pay', { amount: 5000 });
      await waitFor(() => [allowed, denied].every((d) => recorded.some((e) => e.subject === d.decisionId)));
      const recordOf = (d: DecisionAnswer) => recorded.find((e) => e.subject === d.decisionId);
      expect(recordOf(allowed)).toMatchObject({
        type: 'warden.decisions.decision.recorded.v1',
        orgid: org,
        principalid: agent.id,
        data: {
          mode: 'decision_api',
          outcome: 'allow',
          reasonCode: allowed.reasons[0]?.code,
          policyVersion: allowed.policyVersion,
          connectionId,
          resourceId,
          target: 'fs.read',
        },
      });
      expect(recordOf(denied)?.data).toMatchObject({ outcome: 'deny', target: 'pay' });
    } finally {
      await consumer.close();
    }
  });

  it('simulation: a draft that forbids one tool reports exactly the recorded decisions that used that tool', async () => {
    const tools = ['fs.read', 'fs.delete', 'fs.list', 'fs.delete', 'fs.read', 'fs.delete'];
    const base = Date.now() - 60_000;
    const decisions = tools.map((tool, i) => ({
      decisionId: `dec_sim${i}`,
      principalId: agent.id,
      resourceId,
      action: 'mcp.tool',
      target: tool,
      arguments: { path: '/srv/reports/a.txt' },
      time: new Date(base + i * 1000).toISOString(),
      decision: 'allow',
    }));
    const answer = await app.call('POST', `/v1/orgs/${org}/policies/simulate`, {
      token: owner.key,
      body: {
        policies:
          '@id("no-delete")\nforbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "fs.delete" };',
        from: new Date(base - 1000).toISOString(),
        to: new Date().toISOString(),
        decisions,
      },
    });

    expect(answer.status).toBe(200);
    const report = answer.body as {
      replayed: number;
      changed: number;
      changedDecisionIds: string[];
      examples: { reasons: { policyIds?: string[] }[] }[];
    };
    expect(report.replayed).toBe(6);
    expect(report.changedDecisionIds).toEqual(['dec_sim1', 'dec_sim3', 'dec_sim5']);
    expect(report.examples[0]?.reasons[0]?.policyIds?.[0]).toContain('#no-delete');
    // Simulation publishes nothing.
    expect((await decide('fs.delete', { path: '/srv/reports/a.txt' })).decision).toBe('allow');
  });

  it('Cedar end to end: a published forbid overrides the permit and is named; an expired connection and a suspended principal deny', async () => {
    const published = await app.call('PUT', `/v1/orgs/${org}/policies`, {
      token: owner.key,
      body: {
        policies:
          '@id("no-pay")\nforbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "pay" };',
      },
    });
    expect(published.status).toBe(200);
    const version = (published.body as { version: number }).version;
    await waitFor(() => app.projection.state.orgPolicySets.get(org)?.version === version);
    const forbidden = await decide('pay', { amount: 5 });
    expect(forbidden.decision).toBe('deny');
    expect(forbidden.reasons[0]).toMatchObject({
      code: 'policy_forbid',
      policyIds: [`${org}/policies@v${version}#no-pay`],
    });
    expect((await decide('fs.read', { path: '/srv/reports/a' })).decision).toBe('allow');

    const expired = await app.call('PATCH', `/v1/orgs/${org}/connections/${connectionId}`, {
      token: owner.key,
      body: { expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(expired.status).toBe(200);
    const expiredVersion = (expired.body as { version: number }).version;
    await waitFor(() => app.projection.state.connections.get(connectionId)?.version === expiredVersion);
    expect((await decide('fs.read', { path: '/srv/reports/a' })).reasons[0]?.code).toBe('connection_expired');
    const restored = await app.call('PATCH', `/v1/orgs/${org}/connections/${connectionId}`, {
      token: owner.key,
      body: { expiresAt: null },
    });
    const restoredVersion = (restored.body as { version: number }).version;
    await waitFor(() => app.projection.state.connections.get(connectionId)?.version === restoredVersion);
    expect((await decide('fs.read', { path: '/srv/reports/a' })).decision).toBe('allow');

    const other = await app.seed.principal(org, 'agent');
    await waitFor(() => app.projection.auth.principal(other.id));
    const otherConnection = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body: { principalId: other.id, resourceId, operations: [{ action: 'mcp.tool', target: 'fs.read' }] },
    });
    const otherId = (otherConnection.body as { id: string }).id;
    await waitFor(() => app.projection.state.connections.has(otherId));
    expect((await decide('fs.read', undefined, other.key)).decision).toBe('allow');
    await app.seed.suspend(org, other.id);
    await waitFor(() => app.projection.state.principals.get(other.id)?.status === 'suspended');
    // A suspended principal's key no longer authenticates; the engine denies it too.
    expect(
      (
        await app.call('POST', '/v1/decisions', {
          token: other.key,
          body: { resourceId, action: 'mcp.tool', target: 'fs.read' },
        })
      ).status,
    ).toBe(401);
    const direct = app.projection.state.principals.get(other.id);
    expect(direct?.status).toBe('suspended');
  });

  it('the OpenAPI document lists the policy routes', async () => {
    const answer = await app.call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const paths = Object.keys((answer.body as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/v1/orgs/{org}/resources',
      '/v1/orgs/{org}/connections',
      '/v1/orgs/{org}/connections/{id}',
      '/v1/orgs/{org}/connections/{id}/versions',
      '/v1/orgs/{org}/connections/{id}/diff',
      '/v1/orgs/{org}/connections/{id}/rollback',
      '/v1/orgs/{org}/policies',
      '/v1/orgs/{org}/policies/versions',
      '/v1/orgs/{org}/policies/simulate',
      '/v1/decisions',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('fails closed when the projection is stale beyond its bound, saying so', async () => {
    const stale = await startPolicyApp({}, { heartbeatMs: 60_000, idleMs: 60_000, maxStalenessMs: 1 });
    try {
      const o = await stale.seed.organization('Stale');
      const a = await stale.seed.principal(o, 'agent');
      await waitFor(() => stale.projection.auth.principal(a.id));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const answer = await stale.call('POST', '/v1/decisions', {
        token: a.key,
        body: { resourceId: 'res_x', action: 'mcp.tool', target: 't' },
      });
      expect(answer.status).toBe(200);
      const body = answer.body as DecisionAnswer;
      expect(body.decision).toBe('deny');
      expect(body.reasons.map((r) => r.code)).toContain('stale_state');
    } finally {
      await stale.close();
    }
  }, 60_000);
});
