import { crc32, prefixedTokenChecksumValid } from './token-checksums';

// Fixtures generated independently with Python's zlib.crc32 and base62 (0-9A-Za-z) of the 30-char body.
const VALID = [
  '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',
  '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',
  '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',
  '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',
];

describe('prefixed token checksums', () => {
  it('Given the standard check input When crc32 is computed Then it is 0xCBF43926', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it.each(VALID)('Given an issued-format token %s When checked Then the checksum is valid', (token) => {
    expect(prefixedTokenChecksumValid(token)).toBe(true);
  });

  it.each([
    'ghp_Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y3gm1IM',
    'ghp_XIxB7KMNdAr3zqWtQqhE94qglHqOzn1D1stg',
    'npm_CN6Zj4a3dDVhYRnKTbxTNJFoBinF5a42GyMz',
  ])('Given a made-up token %s When checked Then the checksum is invalid', (token) => {
    expect(prefixedTokenChecksumValid(token)).toBe(false);
  });

  it.each(['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'ghp_short', 'sk_live_abc'])(
    'Given %s, not of the checksummed shape, When checked Then the checksum says nothing',
    (token) => {
      expect(prefixedTokenChecksumValid(token)).toBeUndefined();
    },
  );
});
