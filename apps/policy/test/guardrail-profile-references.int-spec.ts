import { envelope } from '@warden/contracts';
import { waitFor } from '@warden/testing';
import type { SeededPrincipal } from '../../../test/support/identity-seed';
import { startPolicyApp, TEST_POLICY_OPTIONS, type PolicyTestApp } from './policy-test-app';

interface Connection {
  id: string;
  version: number;
  guardrailProfileId?: string;
}

interface Problem {
  status: number;
  code: string;
  detail: string;
}

describe("a connection's guardrailProfileId, checked when written against the profiles of warden.guardrails.v1", () => {
  let app: PolicyTestApp;
  let org: string;
  let owner: SeededPrincipal;
  let agent: SeededPrincipal;
  let resourceId: string;
  let ownProfile: string;
  let otherOrgProfile: string;

  beforeAll(async () => {
    app = await startPolicyApp({}, { ...TEST_POLICY_OPTIONS, guardrailProfileWaitMs: 1_500 });
    org = await app.seed.organization('Acme');
    owner = await app.seed.principal(org, 'human', ['owner']);
    agent = await app.seed.principal(org, 'agent');
    const otherOrg = await app.seed.organization('Globex');
    ownProfile = await app.guardrails.profile(org, 'acme-strict');
    otherOrgProfile = await app.guardrails.profile(otherOrg, 'globex-strict');
    await waitFor(
      () =>
        app.projection.state.principals.has(agent.id) &&
        app.projection.auth.principal(owner.id) &&
        app.projection.guardrailProfiles.has(org, ownProfile) &&
        app.projection.guardrailProfiles.has(otherOrg, otherOrgProfile),
      { message: 'identity and guardrails events reached the policy projection' },
    );
    const registered = await app.call('POST', `/v1/orgs/${org}/resources`, {
      token: owner.key,
      body: { kind: 'mcp_server', name: 'files', upstream: { baseUrl: 'https://tools.example.test/mcp' } },
    });
    expect(registered.status).toBe(201);
    resourceId = (registered.body as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const create = (guardrailProfileId?: string) =>
    app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body: {
        principalId: agent.id,
        resourceId,
        operations: [{ action: 'mcp.tool', target: 'fs.read' }],
        ...(guardrailProfileId !== undefined && { guardrailProfileId }),
      },
    });
  const patch = (connectionId: string, body: Record<string, unknown>) =>
    app.call('PATCH', `/v1/orgs/${org}/connections/${connectionId}`, { token: owner.key, body });
  const rollback = (connectionId: string, toVersion: number) =>
    app.call('POST', `/v1/orgs/${org}/connections/${connectionId}/rollback`, {
      token: owner.key,
      body: { toVersion },
    });
  const versionsOf = async (connectionId: string): Promise<number> => {
    const answer = await app.call('GET', `/v1/orgs/${org}/connections/${connectionId}/versions`, {
      token: owner.key,
    });
    return (answer.body as { items: unknown[] }).items.length;
  };

  it("create: the organization's own profile is accepted and recorded", async () => {
    const answer = await create(ownProfile);

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ version: 1, guardrailProfileId: ownProfile });
  });

  it("create: an unknown id and another organization's real profile id are refused with the same problem", async () => {
    const unknown = await create('gpr_doesnotexist');
    const foreign = await create(otherOrgProfile);

    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ code: 'guardrail_profile_not_found' });
    expect(foreign.status).toBe(unknown.status);
    expect(foreign.body).toEqual(unknown.body);
    expect(foreign.text).not.toContain(otherOrgProfile);
    expect(foreign.text).not.toContain('globex');
  });

  it('create: a profile that reaches the projection while the request waits (guardrailProfileWaitMs) is accepted', async () => {
    const arriving = `gpr_arriving${Date.now()}`;
    expect(app.projection.guardrailProfiles.has(org, arriving)).toBe(false);

    const pending = create(arriving);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await app.guardrails.profile(org, 'arriving', arriving);
    const answer = await pending;

    expect(answer.status).toBe(201);
    expect((answer.body as Connection).guardrailProfileId).toBe(arriving);
  });

  it("update: an own profile gives a new version; an unknown or another organization's id is refused alike and records nothing", async () => {
    const v1 = (await create()).body as Connection;
    const otherOwn = await app.guardrails.profile(org, 'acme-lenient');

    const v2 = await patch(v1.id, { guardrailProfileId: otherOwn });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, guardrailProfileId: otherOwn });

    const unknown = await patch(v1.id, { guardrailProfileId: 'gpr_doesnotexist', minTrust: 10 });
    const foreign = await patch(v1.id, { guardrailProfileId: otherOrgProfile, minTrust: 10 });
    expect(unknown.status).toBe(404);
    expect((unknown.body as Problem).code).toBe('guardrail_profile_not_found');
    expect(foreign.body).toEqual(unknown.body);
    expect(await versionsOf(v1.id)).toBe(2);

    const removed = await patch(v1.id, { guardrailProfileId: null });
    expect(removed.status).toBe(200);
    expect((removed.body as Connection).guardrailProfileId).toBeUndefined();
  });

  it('rollback: to a version whose profile is no longer known → refused with the same code; to one whose profile is known → a new version naming it', async () => {
    const v1 = (await create(ownProfile)).body as Connection;
    // Version 2 as a connection written before this check existed: it names a profile that is gone.
    await app.store.append(
      v1.id,
      [
        envelope({
          id: `evt_legacy_${v1.id}`,
          source: 'test',
          type: 'warden.policy.connection.updated.v1',
          time: new Date(),
          subject: v1.id,
          orgid: org,
          data: {
            connectionId: v1.id,
            orgId: org,
            version: 2,
            previousVersion: 1,
            spec: {
              operations: [{ action: 'mcp.tool', target: 'fs.read' }],
              failMode: 'closed',
              guardrailProfileId: 'gpr_retired',
            },
            changedFields: ['guardrailProfileId'],
          },
        }),
      ],
      0,
    );
    // A version that keeps a profile no longer known is not refused for it: only a newly named one is checked.
    const v3 = await patch(v1.id, { minTrust: 10 });
    expect(v3.body).toMatchObject({ version: 3, minTrust: 10, guardrailProfileId: 'gpr_retired' });

    const toV1 = await rollback(v1.id, 1);
    expect(toV1.status).toBe(200);
    expect(toV1.body).toMatchObject({ version: 4, guardrailProfileId: ownProfile });

    const toRetired = await rollback(v1.id, 2);
    expect(toRetired.status).toBe(404);
    expect(toRetired.body).toMatchObject({ code: 'guardrail_profile_not_found' });
    expect((toRetired.body as Problem).detail).toContain('version 2');
    expect(await versionsOf(v1.id)).toBe(4);
  });
});
