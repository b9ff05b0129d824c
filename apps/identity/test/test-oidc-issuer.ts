import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type KeyLike } from 'jose';

export interface SignOptions {
  readonly subject?: string;
  readonly kid?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresAt?: number | string;
  readonly key?: KeyLike;
}

export interface TestOidcIssuer {
  readonly issuer: string;
  sign(options?: SignOptions): Promise<string>;
  unsigned(subject: string, audience: string): string;
  close(): Promise<void>;
}

/** An OIDC issuer on loopback: an RS256 key made here, discovery document and JWKS served over HTTP. */
export async function startTestOidcIssuer(): Promise<TestOidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration')
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign: (o = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? 'test-key-1' })
        .setSubject(o.subject ?? 'user-1')
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? 'warden')
        .setIssuedAt()
        .setExpirationTime(o.expiresAt ?? '5m')
        .sign(o.key ?? privateKey),
    unsigned: (subject, audience) =>
      new UnsecuredJWT({})
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('5m')
        .encode(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
