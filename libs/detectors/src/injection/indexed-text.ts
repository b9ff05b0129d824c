import { anyPresent } from '../core/literal-index';
import { isMasked, maskEntities } from './entity-mask';
import { ANCHORS, SIGNAL_ANCHOR_IDS, vectorOfWords, type FeatureVector } from './injection-features';
import type { InjectionModel } from './injection-model';
import { INJECTION_SIGNALS } from './injection-signals';
import { adversarialSuffixScore, gibberishSuffix } from './suffix-signals';
import { bosBigram, indexWords, isWordCont, type WordIndex } from './word-index';

/** Signals whose pattern can match at the start of a window without matching in the whole text. */
const START_ANCHORED = new Set(
  INJECTION_SIGNALS.filter((s) => s.pattern.source.includes('^') || s.gate?.source.includes('^')).map(
    (s) => s.id,
  ),
);
const STARTS_ANCHORED = INJECTION_SIGNALS.map((s) => START_ANCHORED.has(s.id));

/** How many IndexedTexts were built: only the latest may be used (its word arrays are reused). */
let built = 0;

/** Scratch flags of the wanted indices while naming them (one text at a time, synchronously). */
let isWanted = new Uint8Array(0);

/**
 * A text hashed once, so that the whole text, its paragraph windows and the explanation of a
 * reported finding are computed without hashing the same characters again. A window's signals are looked for only among those that fire
 * on the whole text (a match inside a window is a match inside the text), plus start-anchored ones.
 */
export class IndexedText {
  private readonly words: WordIndex;
  /** The entity-masked text the n-grams come from (signals use `lower`). */
  private readonly hashed: string;
  private readonly candidates: readonly number[];
  private readonly generation: number;

  /** `lower` must be `text.toLowerCase()` with the same length (so offsets agree). */
  constructor(
    private readonly lower: string,
    dims: number,
    wholeSignals: readonly string[],
  ) {
    // the kept index's arrays: the shared ones are reused by any window extracted on its own
    this.hashed = maskEntities(lower);
    this.words = indexWords(this.hashed, dims, undefined, true);
    this.generation = ++built;
    const candidates: number[] = [];
    for (let i = 0; i < INJECTION_SIGNALS.length; i++)
      if (STARTS_ANCHORED[i] || wholeSignals.includes(INJECTION_SIGNALS[i].id)) candidates.push(i);
    this.candidates = candidates;
  }

  /**
   * Features of `[start, end)` with `extra` signals (or `knownSignals` when already computed), or
   * undefined when the range cuts a word (the caller then extracts that window on its own).
   */
  window(
    start: number,
    end: number,
    dims: number,
    extra: readonly string[],
    knownSignals?: readonly string[],
  ): FeatureVector | undefined {
    const r = this.range(start, end, dims);
    if (r === undefined) return undefined;
    const signals = knownSignals ?? this.signals(this.lower.slice(start, end), extra);
    return vectorOfWords(this.words, r.from, r.to, r.firstBigram, dims, signals);
  }

  /**
   * `model.score(window(...)).probability` and the window's signals, or undefined when the range
   * cuts a word; the feature vector itself is not built.
   */
  windowProbability(
    start: number,
    end: number,
    model: InjectionModel,
    extra: readonly string[],
    knownSignals?: readonly string[],
  ): { probability: number; signals: readonly string[] } | undefined {
    const r = this.range(start, end, model.dims);
    if (r === undefined) return undefined;
    const signals = knownSignals ?? this.signals(this.lower.slice(start, end), extra);
    return {
      probability: model.probabilityOfWords(this.words, r.from, r.to, r.firstBigram, signals),
      signals,
    };
  }

  /**
   * `features` (what `window` gave for `[start, end)`) with the n-gram strings of the `wanted`
   * indices, rebuilt from the word spans instead of hashing the text again (for explaining a
   * reported finding).
   */
  explained(
    start: number,
    end: number,
    dims: number,
    features: FeatureVector,
    wanted: ReadonlySet<number>,
  ): FeatureVector | undefined {
    const r = this.range(start, end, dims);
    if (r === undefined) return undefined;
    const { starts, ends, offsets, indices } = this.words;
    const names = new Map<number, string>();
    const word = (w: number): string => this.hashed.slice(starts[w], ends[w]);
    if (isWanted.length !== dims) isWanted = new Uint8Array(dims);
    for (const idx of wanted) isWanted[idx] = 1;
    // each wanted index is named at its first occurrence: stop once all are named
    for (let w = r.from; w < r.to && names.size < wanted.size; w++) {
      for (let k = offsets[w]; k < offsets[w + 1]; k++) {
        const pos = k - offsets[w];
        const idx = w === r.from && pos === 1 ? r.firstBigram : indices[k];
        if (isWanted[idx] === 0 || names.has(idx)) continue;
        if (pos === 0) names.set(idx, 'w:' + word(w));
        else if (pos === 1) names.set(idx, 'b:' + (w === r.from ? '<s>' : word(w - 1)) + ' ' + word(w));
        else {
          const padded = ' ' + word(w) + ' ';
          const width = padded.length <= 5 ? padded.length : 4;
          names.set(idx, 'c:' + padded.slice(pos - 2, pos - 2 + width));
        }
      }
    }
    const nameList: string[] = [];
    for (let k = 0; k < features.indices.length; k++) {
      const idx = features.indices[k];
      nameList.push(isWanted[idx] === 1 ? (names.get(idx) ?? '') : '');
    }
    for (const idx of wanted) isWanted[idx] = 0;
    return { ...features, names: nameList };
  }

  /** Words inside `[start, end)` and the first one's bigram with `<s>`; undefined when a word is cut. */
  private range(
    start: number,
    end: number,
    dims: number,
  ): { from: number; to: number; firstBigram: number } | undefined {
    // the word arrays are reused by the next IndexedText (one text is scanned at a time)
    if (this.generation !== built) throw new Error('IndexedText used after a newer one was built');
    const { starts, ends, count } = this.words;
    if (this.cutsWord(start) || this.cutsWord(end)) return undefined;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const from = lo;
    let to = from;
    while (to < count && ends[to] <= end) to++;
    const firstBigram = from < to ? bosBigram(this.hashed, starts[from], ends[from], dims) : 0;
    return { from, to, firstBigram };
  }

  /** Also inside a masked entity: the window alone might not mask the same span. */
  private cutsWord(at: number): boolean {
    if (at <= 0 || at >= this.lower.length) return false;
    const { lower, hashed } = this;
    return (
      (isWordCont(hashed, at - 1) && isWordCont(hashed, at)) ||
      (isMasked(lower, hashed, at - 1) && isMasked(lower, hashed, at))
    );
  }

  private signals(lowerWindow: string, extra: readonly string[]): string[] {
    const fired: string[] = [];
    // same prefilter as on a whole text: a regex runs only when one of its anchors occurs
    const present = this.candidates.length > 0 ? ANCHORS.scan(lowerWindow) : undefined;
    for (const i of this.candidates) {
      if (present !== undefined && !anyPresent(present, SIGNAL_ANCHOR_IDS[i])) continue;
      const sig = INJECTION_SIGNALS[i];
      if (fired.includes(sig.id) || (sig.gate !== undefined && !sig.gate.test(lowerWindow))) continue;
      if (sig.precheck !== undefined && !sig.precheck(lowerWindow)) continue;
      sig.pattern.lastIndex = 0;
      if (sig.pattern.test(lowerWindow)) fired.push(sig.id);
    }
    if (adversarialSuffixScore(lowerWindow) > 0.08) fired.push('adversarial_suffix');
    if (gibberishSuffix(lowerWindow)) fired.push('gibberish_suffix');
    for (const e of extra) if (!fired.includes(e)) fired.push(e);
    return fired;
  }
}
