import { contentText, countChatTokens, countTextTokens } from './tokens';

describe('token counting (used when the upstream reports no usage)', () => {
  it('Given text, When counted, Then it is tokens not characters, and empty text is zero', () => {
    expect(countTextTokens('hello world')).toBe(2);
    expect(countTextTokens('')).toBe(0);
  });

  it('Given chat messages, When counted, Then the per-message overhead is included so it is never zero', () => {
    expect(countChatTokens([])).toBeGreaterThan(0);
    expect(countChatTokens([{ role: 'user', content: 'hello world' }])).toBe(3 + 3 + 2 + 1);
  });

  it('Given content parts, When read, Then only the text parts count', () => {
    expect(
      contentText([
        { type: 'text', text: 'a' },
        { type: 'image_url', image_url: { url: 'x' } },
        { type: 'text', text: 'b' },
      ]),
    ).toBe('a\n\nb');
  });
});
