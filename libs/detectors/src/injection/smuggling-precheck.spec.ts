import fc from 'fast-check';
import { INJECTION_SIGNALS } from './injection-signals';
import { mayHaveSmuggledTokens } from './smuggling-precheck';

const TOKEN_SMUGGLING = INJECTION_SIGNALS.find((s) => s.id === 'token_smuggling');

describe('token_smuggling precheck', () => {
  it('Given smuggled tokens When prechecked Then it passes', () => {
    for (const t of ['i g n o r e all', 'x\ta\nb c d e f ', '<img src=x>', '</script>', '{{user}}', '${cmd}'])
      expect(mayHaveSmuggledTokens(t)).toBe(true);
    expect(mayHaveSmuggledTokens('a plain question about <b>bold</b> text { ok }')).toBe(false);
  });

  it('Given any text on which the regex matches When prechecked Then it passes (never skips a match)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      'x',
      ' ',
      '\n',
      '\t',
      'ab',
      '<',
      '/',
      'img',
      'script',
      '{',
      '}',
      '$',
      '.',
      '1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        if (TOKEN_SMUGGLING?.pattern.test(text)) expect(mayHaveSmuggledTokens(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
