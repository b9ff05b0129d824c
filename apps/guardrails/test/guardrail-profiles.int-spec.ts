import {
  startGuardrailsApp,
  type GuardrailsTestApp,
  type HttpAnswer,
  type Tenant,
} from './guardrails-test-app';

const PROBLEM = /^application\/problem\+json/;

const PROFILE = {
  name: 'support-bot',
  input: [{ type: 'injection', action: 'block' }],
  output: [
    { type: 'pii', action: 'redact', threshold: 0.6, options: { types: ['EMAIL', 'PHONE'] } },
    { type: 'secrets', action: 'block' },
  ],
};

interface ProfileBody {
  id: string;
  organizationId: string;
  name: string;
  input: unknown[];
  output: unknown[];
  version: number;
}

const asProfile = (a: HttpAnswer): ProfileBody => a.body as ProfileBody;
const code = (a: HttpAnswer): unknown => (a.body as { code?: unknown }).code;

describe('guardrail profiles over HTTP', () => {
  let app: GuardrailsTestApp;
  let a: Tenant;
  let b: Tenant;
  let bProfile: ProfileBody;

  beforeAll(async () => {
    app = await startGuardrailsApp();
    a = await app.tenant('org-a');
    b = await app.tenant('org-b');
    const created = await app.call('POST', `/v1/orgs/${b.org}/guardrail-profiles`, {
      token: b.owner.key,
      body: PROFILE,
    });
    expect(created.status).toBe(201);
    bProfile = asProfile(created);
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('lifecycle', () => {
    it('Given an owner, When a profile is created, Then 201 with id, detectors, version 1 and ETag, and GET returns it', async () => {
      const created = await app.call('POST', `/v1/orgs/${a.org}/guardrail-profiles`, {
        token: a.owner.key,
        body: PROFILE,
      });
      expect(created.status).toBe(201);
      const body = asProfile(created);
      expect(body).toEqual({
        id: expect.stringMatching(/^gpr_/),
        organizationId: a.org,
        ...PROFILE,
        version: 1,
      });
      expect(created.headers.get('etag')).toBe('"1"');

      const got = await app.call('GET', `/v1/orgs/${a.org}/guardrail-profiles/${body.id}`, {
        token: a.auditor.key,
      });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(body);

      const stored = await app.store.readStream(body.id);
      expect(stored.map((s) => s.event.type)).toEqual(['warden.guardrails.profile.created.v1']);
      expect(stored[0]?.event).toMatchObject({ orgid: a.org, principalid: a.owner.id });
    });

    it('Given a profile at version 1, When PATCHed with If-Match "1", Then version 2; a second PATCH with the stale "1" answers 412', async () => {
      const id = asProfile(
        await app.call('POST', `/v1/orgs/${a.org}/guardrail-profiles`, { token: a.owner.key, body: PROFILE }),
      ).id;
      const path = `/v1/orgs/${a.org}/guardrail-profiles/${id}`;
      const updated = await app.call('PATCH', path, {
        token: a.owner.key,
        headers: { 'if-match': '"1"' },
        body: {
          name: 'renamed',
          output: [{ type: 'exfil', action: 'block', options: { allowedHosts: ['docs.example.com'] } }],
        },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        name: 'renamed',
        input: PROFILE.input,
        output: [{ type: 'exfil', action: 'block', options: { allowedHosts: ['docs.example.com'] } }],
        version: 2,
      });
      expect(updated.headers.get('etag')).toBe('"2"');

      const stale = await app.call('PATCH', path, {
        token: a.owner.key,
        headers: { 'if-match': '"1"' },
        body: { name: 'lost update' },
      });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toMatch(PROBLEM);
      expect(code(stale)).toBe('version_mismatch');
      expect(asProfile(await app.call('GET', path, { token: a.owner.key })).name).toBe('renamed');

      const events = await app.store.readStream(id);
      expect(events.map((e) => e.event.type)).toEqual([
        'warden.guardrails.profile.created.v1',
        'warden.guardrails.profile.updated.v1',
      ]);
      expect(events[1]?.event.data).toMatchObject({ changed: ['name', 'output'] });
    });

    it('Given an Idempotency-Key, When the same create is sent twice, Then one profile; other content under the key → 422', async () => {
      const headers = { 'idempotency-key': 'create-once-1' };
      const first = await app.call('POST', `/v1/orgs/${a.org}/guardrail-profiles`, {
        token: a.owner.key,
        headers,
        body: PROFILE,
      });
      const again = await app.call('POST', `/v1/orgs/${a.org}/guardrail-profiles`, {
        token: a.owner.key,
        headers,
        body: PROFILE,
      });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await app.call('POST', `/v1/orgs/${a.org}/guardrail-profiles`, {
        token: a.owner.key,
        headers,
        body: { ...PROFILE, name: 'something else' },
      });
      expect(other.status).toBe(422);
      expect(code(other)).toBe('idempotency_key_reused');
    });

    it.each([
      [
        'an unknown detector type',
        { ...PROFILE, input: [{ type: 'toxicity', action: 'block' }] },
        'validation_failed',
      ],
      [
        'an unknown action',
        { ...PROFILE, input: [{ type: 'pii', action: 'quarantine' }] },
        'validation_failed',
      ],
      [
        'a threshold above 1',
        { ...PROFILE, input: [{ type: 'pii', action: 'flag', threshold: 2 }] },
        'validation_failed',
      ],
      [
        'an unknown PII type',
        { ...PROFILE, input: [{ type: 'pii', action: 'flag', options: { types: ['SHOE_SIZE'] } }] },
        'validation_failed',
      ],
      [
        'an unknown option',
        { ...PROFILE, input: [{ type: 'pii', action: 'flag', options: { colour: 'red' } }] },
        'validation_failed',
      ],
      [
        'an option of another detector',
        {
          ...PROFILE,
          input: [{ type: 'secrets', action: 'flag', options: { allowedHosts: ['a.example'] } }],
        },
        'detector_option_not_supported',
      ],
      [
        'a detector type twice',
        {
          ...PROFILE,
          output: [
            { type: 'pii', action: 'flag' },
            { type: 'pii', action: 'redact' },
          ],
        },
        'duplicate_detector',
      ],
      [
        'too many detectors',
        { ...PROFILE, input: Array.from({ length: 9 }, () => ({ type: 'pii', action: 'flag' })) },
        'validation_failed',
      ],
      ['no name', { input: [], output: [] }, 'validation_failed'],
    ])('Given %s, When a profile is created, Then 400 problem+json', async (_case, body, expected) => {
      const answer = await app.call('POST', `/v1/orgs/${a.org}/guardrail-profiles`, {
        token: a.owner.key,
        body,
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(PROBLEM);
      expect(code(answer)).toBe(expected);
    });

    it('Given several profiles, When listed with limit 2, Then the cursor pages through all of them once, in creation order', async () => {
      const org = await app.tenant('org-paging');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const created = await app.call('POST', `/v1/orgs/${org.org}/guardrail-profiles`, {
          token: org.owner.key,
          body: { ...PROFILE, name: `p${i}` },
        });
        ids.push(asProfile(created).id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await app.call('GET', `/v1/orgs/${org.org}/guardrail-profiles${query}`, {
          token: org.auditor.key,
        });
        expect(page.status).toBe(200);
        const body = page.body as { items: ProfileBody[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((p) => p.id));
        cursor = body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(ids);
    });

    it('Given roles, Then an auditor may read but not write, and an agent key is no admin credential', async () => {
      const list = `/v1/orgs/${a.org}/guardrail-profiles`;
      expect((await app.call('GET', list, { token: a.auditor.key })).status).toBe(200);
      const write = await app.call('POST', list, { token: a.auditor.key, body: PROFILE });
      expect(write.status).toBe(403);
      expect(code(write)).toBe('forbidden');
      expect((await app.call('GET', list, { token: a.agent.key })).status).toBe(403);
      expect((await app.call('GET', list)).status).toBe(401);
    });
  });

  describe('tenant isolation: org A reaches none of org B', () => {
    /** [method, label, path, body, status for A's auditor] — A's owner always gets 404. */
    type Route = readonly [
      method: string,
      label: string,
      path: () => string,
      body: object | undefined,
      auditor: number,
    ];
    const ROUTES: readonly Route[] = [
      ['POST', '/orgs/B/guardrail-profiles', () => `/v1/orgs/${b.org}/guardrail-profiles`, PROFILE, 404],
      ['GET', '/orgs/B/guardrail-profiles', () => `/v1/orgs/${b.org}/guardrail-profiles`, undefined, 404],
      [
        'GET',
        '/orgs/B/guardrail-profiles/B1',
        () => `/v1/orgs/${b.org}/guardrail-profiles/${bProfile.id}`,
        undefined,
        404,
      ],
      [
        'PATCH',
        '/orgs/B/guardrail-profiles/B1',
        () => `/v1/orgs/${b.org}/guardrail-profiles/${bProfile.id}`,
        { name: 'taken over' },
        404,
      ],
      // B's profile addressed through A's own organization path; an auditor may not write at all (403 before any lookup).
      [
        'GET',
        '/orgs/A/guardrail-profiles/B1',
        () => `/v1/orgs/${a.org}/guardrail-profiles/${bProfile.id}`,
        undefined,
        404,
      ],
      [
        'PATCH',
        '/orgs/A/guardrail-profiles/B1',
        () => `/v1/orgs/${a.org}/guardrail-profiles/${bProfile.id}`,
        { name: 'taken over' },
        403,
      ],
      [
        'PATCH',
        '/orgs/A/guardrail-profiles/B1 (If-Match)',
        () => `/v1/orgs/${a.org}/guardrail-profiles/${bProfile.id}`,
        { output: [] },
        403,
      ],
    ];
    const CASES = ROUTES.flatMap(([method, label, path, body, auditor]) => [
      ['owner', method, label, path, body, 404, (t: Tenant) => t.owner.key] as const,
      ['auditor', method, label, path, body, auditor, (t: Tenant) => t.auditor.key] as const,
    ]);

    it.each(CASES)(
      "Given A's %s, When %s %s, Then refused without a trace of B's profile",
      async (_who, method, _label, path, body, status, key) => {
        const answer = await app.call(method, path(), {
          token: key(a),
          headers: { 'if-match': '"1"' },
          ...(body !== undefined ? { body } : {}),
        });
        expect(answer.status).toBe(status);
        expect(answer.headers.get('content-type')).toMatch(PROBLEM);
        expect(JSON.stringify(answer.body)).not.toContain(bProfile.name);
      },
    );

    it("Given A's agent, When it scans with B's profile, Then 404", async () => {
      const answer = await app.call('POST', '/v1/scan', {
        token: a.agent.key,
        body: { direction: 'output', content: 'hello', profileId: bProfile.id },
      });
      expect(answer.status).toBe(404);
      expect(code(answer)).toBe('guardrail_profile_not_found');
    });

    it("Given every attempt above, Then B's profile is unchanged and listed only for B", async () => {
      const got = await app.call('GET', `/v1/orgs/${b.org}/guardrail-profiles/${bProfile.id}`, {
        token: b.owner.key,
      });
      expect(got.body).toEqual(bProfile);
      expect((await app.store.readStream(bProfile.id)).length).toBe(1);
      const bList = (await app.call('GET', `/v1/orgs/${b.org}/guardrail-profiles`, { token: b.owner.key }))
        .body as {
        items: ProfileBody[];
      };
      expect(bList.items.map((p) => p.id)).toEqual([bProfile.id]);
      const aList = (
        await app.call('GET', `/v1/orgs/${a.org}/guardrail-profiles?limit=100`, { token: a.owner.key })
      ).body as {
        items: ProfileBody[];
      };
      expect(aList.items.length).toBeGreaterThan(0);
      expect(aList.items.every((p) => p.organizationId === a.org)).toBe(true);
    });
  });
});
