import fc from 'fast-check';
import { digitCount, type Candidate } from './pii-candidate';
import { findOutrankingPhones } from './pii-detector';
import { findPhones } from './phone-candidates';
import { resolveOverlaps } from './resolve-overlaps';

/** The candidates that outrank phones, found as detectPii finds them. */
function higherRanked(text: string): Candidate[] {
  const cands: Candidate[] = [];
  findOutrankingPhones(text, digitCount(text), cands);
  return cands;
}

describe('Phones overlapping an outranking candidate', () => {
  it('Given any mix of numbers When phones skip outranked spans Then overlap resolution keeps the same', () => {
    const piece = fc.constantFrom(
      '86.121.97.248',
      '109.38.226.13',
      '(415) 555-0132',
      '415-555-0132',
      '+55 11 98456 5666',
      '054-28-6917',
      '4111111111111111',
      '4111 1111 1111 1111',
      'GB29 NWBK 6016 1331 9268 19',
      'call me at',
      'phone:',
      '09171234567',
      'X1234567L',
      'ann@dayrep.com',
      ' ',
      '|',
      ', ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join(' ');
        const all = higherRanked(text);
        findPhones(text, all);
        const skipping = higherRanked(text);
        findPhones(text, skipping, resolveOverlaps([...skipping]));
        expect(resolveOverlaps(skipping)).toEqual(resolveOverlaps(all));
      }),
      { numRuns: 300 },
    );
  });
});
