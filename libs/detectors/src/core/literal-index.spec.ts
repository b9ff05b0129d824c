import fc from 'fast-check';
import { LiteralAutomaton } from './literal-automaton';
import { LiteralIndex } from './literal-index';

/** What the index must report: exactly the literals that occur somewhere in the text. */
const occurring = (literals: readonly string[], text: string): number[] =>
  literals.flatMap((l, i) => (text.includes(l) ? [i] : []));
const reported = (present: Uint8Array): number[] => [...present.keys()].filter((i) => present[i] === 1);

describe('LiteralIndex (Aho-Corasick prefilter)', () => {
  it('reports nested, overlapping and repeated literals', () => {
    const literals = ['password', 'pass', 'word', 'sword', 'ass', 'assword', 'api_key', 'ключ'];
    const index = new LiteralIndex(literals);
    const text = 'my passsword is not a password; api_key=ключ';
    expect(reported(index.scan(text))).toEqual(occurring(literals, text));
    expect(reported(index.scan(''))).toEqual([]);
  });

  it('maps literals to ids and refuses unknown ones', () => {
    const index = new LiteralIndex(['a', 'bc', 'a', '']);
    expect(index.size).toBe(2);
    expect(index.idOf('bc')).toBe(1);
    expect(() => index.idOf('zz')).toThrow('literal not indexed');
  });

  it('agrees with includes() on random literals and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '-', 'é', '\u{1F600}');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(alphabet, { maxLength: 60 }),
        (lits, chars) => {
          const text = chars.join('');
          const present = new Uint8Array(lits.length);
          new LiteralAutomaton(lits).mark(text, present);
          expect(reported(present)).toEqual(occurring(lits, text));
        },
      ),
    );
  });
});
