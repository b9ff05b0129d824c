import { detectPii } from './pii-detector';

const values = (text: string): Array<[string, string]> =>
  detectPii(text).map((f) => [f.type, text.slice(f.start, f.end)]);

describe('PII detector', () => {
  describe('Given structured identifiers with valid checksums (presidio-style rows)', () => {
    it.each([
      ['My IBAN is GB29 NWBK 6016 1331 9268 19 thanks', 'IBAN', 'GB29 NWBK 6016 1331 9268 19'],
      ['my iban is gb42nawi04454264788619', 'IBAN', 'gb42nawi04454264788619'],
      ['I have lost my card 4111111111111111.', 'CREDIT_CARD', '4111111111111111'],
      ["Here's my SSN: 054-28-6917", 'US_SSN', '054-28-6917'],
      ['You said your email is EwanDawson@dayrep.com. Is that right?', 'EMAIL', 'EwanDawson@dayrep.com'],
      ['My US number is (415) 555-0132', 'PHONE', '(415) 555-0132'],
      ['Brazil: +55 11 98456 5666', 'PHONE', '+55 11 98456 5666'],
      ['keep getting address 41.173.96.26 blocked', 'IP_ADDRESS', '41.173.96.26'],
      ['Gateway: fe80::1 on interface', 'IP_ADDRESS', 'fe80::1'],
      ['Prefix: 2001:db8::/32', 'IP_ADDRESS', '2001:db8::/32'],
      ['NIE X1234567L on file', 'NATIONAL_ID', 'X1234567L'],
    ])('When scanned %s Then %s %s is found span-exact', (text, type, value) => {
      expect(values(text)).toContainEqual([type, value]);
    });
  });

  describe('Given look-alikes that fail validation (hard negatives)', () => {
    it.each([
      'BE71 0961 2345 6760',
      'my credit card number is 4012-8888-8888-1882',
      '078-05-0000',
      '::ffff:256.0.0.1',
      'Time 12:34:56',
      'MyClass::toString',
      '300.168.1.1',
      'my email is info@presidio.',
      'contact john.doe@example.com for details',
    ])('When scanned %s Then no structured PII is reported', (text) => {
      expect(
        values(text).filter(([t]) => ['IBAN', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS', 'EMAIL'].includes(t)),
      ).toEqual([]);
    });
  });

  describe('Given a date of birth, a person cue and a street address', () => {
    it('When scanned Then each is found', () => {
      const text = 'My name is Maria Lopez, date of birth 04/12/1987, I live at 1600 Pennsylvania Avenue.';
      const types = values(text).map(([t]) => t);
      expect(types).toEqual(expect.arrayContaining(['PERSON', 'DATE_OF_BIRTH', 'STREET_ADDRESS']));
    });
  });
});
