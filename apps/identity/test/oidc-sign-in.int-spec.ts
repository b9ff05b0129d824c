import { generateKeyPair } from 'jose';
import { BOOTSTRAP_TOKEN, startIdentityApp, type IdentityTestApp } from './identity-test-app';
import { startTestOidcIssuer, type SignOptions, type TestOidcIssuer } from './test-oidc-issuer';

describe('humans sign in with OIDC (test issuer on loopback)', () => {
  let idp: TestOidcIssuer;
  let app: IdentityTestApp;
  let org: string;
  let ownerId: string;

  beforeAll(async () => {
    idp = await startTestOidcIssuer();
    app = await startIdentityApp({ OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: 'warden' });
    org = (
      (await app.call('POST', '/v1/orgs', { token: BOOTSTRAP_TOKEN, body: { name: 'Acme' } })).body as {
        id: string;
      }
    ).id;
    const owner = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: BOOTSTRAP_TOKEN,
      body: { kind: 'human', name: 'Ada', roles: ['owner'], oidcSubject: 'user-1' },
    });
    expect(owner.status).toBe(201);
    ownerId = (owner.body as { id: string }).id;
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  it('a valid token of a bound subject signs in as that human, with its roles', async () => {
    const token = await idp.sign();
    const who = await app.call('GET', '/v1/whoami', { token });
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      authenticatedWith: 'oidc',
      principal: { id: ownerId, roles: ['owner'] },
    });
    expect((await app.call('GET', `/v1/orgs/${org}`, { token })).status).toBe(200);
    const agent = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token,
      body: { kind: 'agent', name: 'bot' },
    });
    expect(agent.body).toMatchObject({ ownerId });
  });

  it('binding the same OIDC identity twice is refused', async () => {
    const again = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: await idp.sign(),
      body: { kind: 'human', name: 'Ada 2', oidcSubject: 'user-1' },
    });
    expect([again.status, (again.body as { code: string }).code]).toEqual([409, 'oidc_already_bound']);
  });

  const refusals: readonly [string, () => Promise<string>, string][] = [
    ['expired', () => idp.sign({ expiresAt: Math.floor(Date.now() / 1000) - 120 }), 'oidc_expired'],
    ['wrong audience', () => idp.sign({ audience: 'not-warden' }), 'oidc_wrong_audience'],
    ['wrong issuer', () => idp.sign({ issuer: 'https://evil.example.com' }), 'oidc_wrong_issuer'],
    ['unknown kid', () => idp.sign({ kid: 'rotated-away' }), 'oidc_unknown_kid'],
    ['alg none', async () => idp.unsigned('user-1', 'warden'), 'oidc_alg_not_allowed'],
    [
      'another key',
      async () => idp.sign({ key: (await generateKeyPair('RS256')).privateKey } satisfies SignOptions),
      'oidc_bad_signature',
    ],
    ['an unbound subject', () => idp.sign({ subject: 'stranger' }), 'oidc_unbound'],
  ];

  it.each(refusals)('refuses a token with %s: 401 and the reason', async (_name, token, code) => {
    const answer = await app.call('GET', '/v1/whoami', { token: await token() });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect((answer.body as { code: string }).code).toBe(code);
  });

  it('a suspended human cannot sign in until reactivated', async () => {
    const admin = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: await idp.sign(),
      body: { kind: 'human', name: 'Bob', roles: ['admin'], oidcSubject: 'user-2' },
      headers: { 'idempotency-key': 'bob' },
    });
    const bobId = (admin.body as { id: string }).id;
    const replay = await app.call('POST', `/v1/orgs/${org}/principals`, {
      token: await idp.sign(),
      body: { kind: 'human', name: 'Bob', roles: ['admin'], oidcSubject: 'user-2' },
      headers: { 'idempotency-key': 'bob' },
    });
    expect([replay.status, replay.body]).toEqual([201, admin.body]);
    const bob = await idp.sign({ subject: 'user-2' });
    expect((await app.call('GET', '/v1/whoami', { token: bob })).status).toBe(200);
    await app.call('POST', `/v1/orgs/${org}/principals/${bobId}/suspend`, {
      token: await idp.sign(),
      body: {},
    });
    const refused = await app.call('GET', '/v1/whoami', { token: bob });
    expect([refused.status, (refused.body as { code: string }).code]).toEqual([
      401,
      'oidc_principal_suspended',
    ]);
  });
});
