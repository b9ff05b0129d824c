import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type KeyLike } from 'jose';
import { OidcVerifier } from './oidc-verifier';

/** A test OIDC issuer on loopback: keys made here, discovery document and JWKS served over HTTP. */
async function startIssuer(): Promise<{
  issuer: string;
  sign: (claims?: Record<string, unknown>, opts?: SignOptions) => Promise<string>;
  close: () => Promise<void>;
}> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (claims: Record<string, unknown> = {}, opts: SignOptions = {}): Promise<string> =>
    new SignJWT({ email: 'ada@example.com', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'test-key-1' })
      .setSubject('user-1')
      .setIssuer(opts.issuer ?? issuer)
      .setAudience(opts.audience ?? 'warden')
      .setIssuedAt()
      .setExpirationTime(opts.expiresAt ?? '5m')
      .sign(opts.key ?? privateKey);
  return { issuer, sign, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface SignOptions {
  kid?: string;
  issuer?: string;
  audience?: string;
  expiresAt?: number | string;
  key?: KeyLike;
}

describe('OidcVerifier against a loopback issuer', () => {
  let idp: Awaited<ReturnType<typeof startIssuer>>;
  let verifier: OidcVerifier;
  beforeAll(async () => {
    idp = await startIssuer();
    verifier = new OidcVerifier({ issuer: idp.issuer, audience: 'warden', clockToleranceSeconds: 0 });
  });
  afterAll(() => idp.close());

  it('accepts a valid token and returns (issuer, subject)', async () => {
    const result = await verifier.verify(await idp.sign());
    expect(result).toMatchObject({ ok: true, issuer: idp.issuer, subject: 'user-1' });
  });

  it.each([
    ['expired', { expiresAt: Math.floor(Date.now() / 1000) - 60 }, 'expired'],
    ['wrong audience', { audience: 'someone-else' }, 'wrong_audience'],
    ['wrong issuer', { issuer: 'https://evil.example.com' }, 'wrong_issuer'],
    ['unknown kid', { kid: 'nobody-knows' }, 'unknown_kid'],
  ] as const)('refuses a token with %s', async (_name, opts, reason) => {
    const result = await verifier.verify(await idp.sign({}, opts));
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ sub: 'user-1' })
      .setIssuer(idp.issuer)
      .setAudience('warden')
      .setExpirationTime('5m')
      .encode();
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'alg_not_allowed' });
  });

  it('refuses a token signed by another key that claims the issuer kid', async () => {
    const other = await generateKeyPair('RS256');
    expect(await verifier.verify(await idp.sign({}, { key: other.privateKey }))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses garbage as malformed and an unreachable issuer with its own reason', async () => {
    expect(await verifier.verify('not.a.jwt')).toMatchObject({ ok: false, reason: 'malformed' });
    const nowhere = new OidcVerifier({
      issuer: 'http://127.0.0.1:1',
      audience: 'warden',
      discoveryTimeoutMs: 500,
    });
    expect(await nowhere.verify(await idp.sign())).toMatchObject({ ok: false, reason: 'issuer_unreachable' });
  });
});
