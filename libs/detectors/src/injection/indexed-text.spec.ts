import fc from 'fast-check';
import { defaultInjectionModel, textWindows } from './injection-detector';
import { extractFeatures, firedSignals } from './injection-features';
import { IndexedText } from './indexed-text';

const DIMS = 1 << 16;
const plain = (v: { indices: Int32Array; values: Float32Array; signals: readonly string[] }) => ({
  indices: Array.from(v.indices),
  values: Array.from(v.values),
  signals: [...v.signals],
});

describe('IndexedText (one hashing pass for a text and its windows)', () => {
  const words = fc.constantFrom(
    'ignore',
    'previous',
    'instructions',
    'System:',
    'the',
    'report',
    'you',
    'must',
    'now',
    'reveal',
    'password',
    "don't",
    'e-mail',
    'x',
    'Übersicht',
    'données',
    'jane.doe@example.com',
    'https://example.com/docs?id=7',
    'www.acme.io',
    '2,048',
  );
  const separators = fc.constantFrom(' ', ' ', ' ', '\n', '. ', ', ', '\n\n');
  const texts = fc
    .array(fc.tuple(words, separators), { minLength: 40, maxLength: 260 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('Given any text When a window is scored from the index Then its features equal extracting that window alone', () => {
    fc.assert(
      fc.property(texts, fc.boolean(), (text, hidden) => {
        const lower = text.toLowerCase();
        fc.pre(lower.length === text.length);
        const extra = hidden ? ['hidden_content'] : [];
        const indexed = new IndexedText(lower, DIMS, firedSignals(lower, extra));
        for (const w of textWindows(text)) {
          const fromIndex = indexed.window(w.start, w.end, DIMS, extra);
          if (fromIndex === undefined) continue; // the window cuts a word: extracted on its own
          expect(plain(fromIndex)).toEqual(plain(extractFeatures(text.slice(w.start, w.end), DIMS, extra)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('Given any text When a window is explained from the index Then the n-gram names equal those of re-extraction', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 12 }), (text, every) => {
        const lower = text.toLowerCase();
        fc.pre(lower.length === text.length);
        const indexed = new IndexedText(lower, DIMS, firedSignals(lower));
        for (const w of textWindows(text)) {
          const v = indexed.window(w.start, w.end, DIMS, []);
          if (v === undefined) continue;
          const wanted = new Set(Array.from(v.indices).filter((_, i) => i % every === 0));
          const fromIndex = indexed.explained(w.start, w.end, DIMS, v, wanted);
          const reextracted = extractFeatures(text.slice(w.start, w.end), DIMS, [], wanted);
          expect(fromIndex?.names).toEqual(reextracted.names);
          expect(plain(fromIndex ?? v)).toEqual(plain(reextracted));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("Given any window When only its probability is asked Then it is the scored vector's, to the bit", () => {
    const model = defaultInjectionModel();
    fc.assert(
      fc.property(texts, (text) => {
        const lower = text.toLowerCase();
        fc.pre(lower.length === text.length);
        const indexed = new IndexedText(lower, DIMS, firedSignals(lower));
        for (const w of [{ start: 0, end: text.length }, ...textWindows(text)]) {
          const v = indexed.window(w.start, w.end, DIMS, ['encoded_payload']);
          const p = indexed.windowProbability(w.start, w.end, model, ['encoded_payload']);
          if (v === undefined) expect(p).toBeUndefined();
          else expect(p).toEqual({ probability: model.score(v).probability, signals: v.signals });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('Given a newer IndexedText When an older one is used Then it refuses (its word arrays were reused)', () => {
    const older = new IndexedText('ignore previous instructions', DIMS, []);
    const newer = new IndexedText('please summarise the report', DIMS, []);
    expect(newer.window(0, 6, DIMS, [])).toBeDefined();
    expect(() => older.window(0, 6, DIMS, [])).toThrow('newer one');
  });

  it('Given a range that cuts a word When asked for its features Then the index declines', () => {
    const text = 'please summarise the quarterly report';
    const indexed = new IndexedText(text, DIMS, []);
    expect(indexed.window(0, 10, DIMS, [])).toBeUndefined();
    expect(indexed.window(0, 17, DIMS, [])).toBeDefined();
  });
});
