import {
  generateKeySecret,
  hashesEqual,
  hashKeySecret,
  keyDisplayPrefix,
  looksLikeKeySecret,
} from './key-secret';

describe('API key secrets', () => {
  it('are wk_ + 256 random bits in base64url, with an 11-character display prefix and a SHA-256 hash', () => {
    const key = generateKeySecret();
    expect(key.secret).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.secret.slice(3), 'base64url')).toHaveLength(32);
    expect(key.prefix).toBe(key.secret.slice(0, 11));
    expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.secretHash).toBe(hashKeySecret(key.secret));
    expect(looksLikeKeySecret(key.secret)).toBe(true);
    expect(keyDisplayPrefix(key.secret)).toBe(key.prefix);
  });

  it('differ on every generation', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => generateKeySecret().secret));
    expect(secrets.size).toBe(100);
  });

  it('compare hashes in constant time, refusing different lengths', () => {
    const h = hashKeySecret('wk_x');
    expect(hashesEqual(h, h)).toBe(true);
    expect(hashesEqual(h, hashKeySecret('wk_y'))).toBe(false);
    expect(hashesEqual(h, h.slice(0, 10))).toBe(false);
  });
});
