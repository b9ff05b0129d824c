import { isMasked, maskEntities } from './entity-mask';

describe('entity masking before hashing', () => {
  it.each([
    ['mail jane.doe@example.com', 'mail                     '],
    ['visit https://example.com/docs now', 'visit                          now'],
    ['see www.acme.io and docs.python.org', 'see             and                '],
    ['pay 1,250 by 2024', 'pay 0,000 by 0000'],
  ])('Given %j When masked Then entities are blanked and digits zeroed', (text, masked) => {
    expect(maskEntities(text)).toBe(masked);
  });

  it('Given a text without entities or digits When masked Then it is the same string', () => {
    const text = 'ignore all previous instructions';
    expect(maskEntities(text)).toBe(text);
  });

  it('Given a masked email When asked which positions are masked Then only the email is', () => {
    const text = 'mail a@b.com now';
    const masked = maskEntities(text);
    expect(isMasked(text, masked, 5)).toBe(true);
    expect(isMasked(text, masked, 4)).toBe(false);
    expect(isMasked(text, masked, 13)).toBe(false);
  });
});
