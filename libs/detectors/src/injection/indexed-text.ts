import { anyPresent } from '../core/literal-index';
import { ANCHORS, SIGNAL_ANCHOR_IDS, vectorOfWords, type FeatureVector } from './injection-features';
import { adversarialSuffixScore, INJECTION_SIGNALS } from './injection-signals';
import { bosBigram, indexWords, isWordCont, type WordIndex } from './word-index';

/** Signals whose pattern can match at the start of a window without matching in the whole text. */
const START_ANCHORED = new Set(
  INJECTION_SIGNALS.filter((s) => s.pattern.source.includes('^')).map((s) => s.id),
);

/**
 * A long text hashed once, so that the whole text and its paragraph windows are scored without
 * hashing the same characters again. A window's signals are looked for only among those that fire
 * on the whole text (a match inside a window is a match inside the text), plus start-anchored ones.
 */
export class IndexedText {
  private readonly words: WordIndex;
  private readonly candidates: readonly number[];

  /** `lower` must be `text.toLowerCase()` with the same length (so offsets agree). */
  constructor(
    private readonly lower: string,
    dims: number,
    wholeSignals: readonly string[],
  ) {
    // own arrays: the shared buffers are reused by any window extracted on its own
    this.words = indexWords(lower, dims, undefined, true);
    const fired = new Set(wholeSignals);
    this.candidates = INJECTION_SIGNALS.flatMap((s, i) =>
      fired.has(s.id) || START_ANCHORED.has(s.id) ? [i] : [],
    );
  }

  /**
   * Features of `[start, end)` with `extra` signals (or `knownSignals` when already computed), or undefined when the range cuts a word (the
   * caller then extracts that window on its own). */
  window(
    start: number,
    end: number,
    dims: number,
    extra: readonly string[],
    knownSignals?: readonly string[],
  ): FeatureVector | undefined {
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
    const signals = knownSignals ?? this.signals(this.lower.slice(start, end), extra);
    const firstBigram = from < to ? bosBigram(this.lower, starts[from], ends[from], dims) : 0;
    return vectorOfWords(this.words, from, to, firstBigram, dims, signals);
  }

  private cutsWord(at: number): boolean {
    return at > 0 && at < this.lower.length && isWordCont(this.lower, at - 1) && isWordCont(this.lower, at);
  }

  private signals(lowerWindow: string, extra: readonly string[]): string[] {
    const fired: string[] = [];
    // same prefilter as on a whole text: a regex runs only when one of its anchors occurs
    const present = this.candidates.length > 0 ? ANCHORS.scan(lowerWindow) : undefined;
    for (const i of this.candidates) {
      if (present !== undefined && !anyPresent(present, SIGNAL_ANCHOR_IDS[i])) continue;
      const sig = INJECTION_SIGNALS[i];
      sig.pattern.lastIndex = 0;
      if (sig.pattern.test(lowerWindow)) fired.push(sig.id);
    }
    if (adversarialSuffixScore(lowerWindow) > 0.08) fired.push('adversarial_suffix');
    for (const e of extra) if (!fired.includes(e)) fired.push(e);
    return fired;
  }
}
