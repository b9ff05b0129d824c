import { hasRequiredChars } from './required-chars';

describe('hasRequiredChars (prefilter of keyword rules)', () => {
  it('needs one character of every alternative set', () => {
    const check = (text: string, required: string[]): boolean =>
      hasRequiredChars(text, required, new Uint8Array(128));
    expect(check('password = "hunter22"', [':=', '"\'`'])).toBe(true);
    expect(check('my password is hunter22', [':=', '"\'`'])).toBe(false);
    expect(check("password: 'x'", [':=', '"\'`'])).toBe(true);
    expect(check('token=abc', [':=', '"\'`'])).toBe(false);
    expect(check('anything', [])).toBe(true);
  });

  it('memoizes per character for one text', () => {
    const seen = new Uint8Array(128);
    expect(hasRequiredChars('a, b', [','], seen)).toBe(true);
    expect(seen[','.charCodeAt(0)]).toBe(1);
    expect(hasRequiredChars('a, b', [':'], seen)).toBe(false);
    expect(seen[':'.charCodeAt(0)]).toBe(2);
  });
});
