import { anyPresent, LiteralIndex, literalIds } from '../core/literal-index';
import { maskEntities } from './entity-mask';
import { INJECTION_SIGNALS } from './injection-signals';
import { adversarialSuffixScore, gibberishSuffix } from './suffix-signals';
import { indexWords, type FeatureNames, type WordIndex } from './word-index';

/** Sparse feature vector: hashed n-grams (presence, L2-normalized) plus named signal features. */
export interface FeatureVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  /** The n-gram behind each index (only when explanations were asked for), same order. */
  readonly names: readonly string[];
  readonly signals: readonly string[];
}

export const MAX_CHARS = 12_000;

/** Extra signal names the model also knows; the engine sets them from normalization results. */
export const CONTEXT_SIGNALS = [
  'hidden_content',
  'encoded_payload',
  'adversarial_suffix',
  'gibberish_suffix',
] as const;
export const ALL_SIGNAL_IDS: readonly string[] = [
  ...new Set(INJECTION_SIGNALS.map((x) => x.id)),
  ...CONTEXT_SIGNALS,
];

export const ANCHORS = new LiteralIndex(INJECTION_SIGNALS.flatMap((x) => x.anchors ?? []));
export const SIGNAL_ANCHOR_IDS = INJECTION_SIGNALS.map((x) => literalIds(ANCHORS, x.anchors));

export function firedSignals(lower: string, extra: readonly string[] = []): string[] {
  const fired: string[] = [];
  const present = ANCHORS.scan(lower);
  for (let i = 0; i < INJECTION_SIGNALS.length; i++) {
    const sig = INJECTION_SIGNALS[i];
    if (!anyPresent(present, SIGNAL_ANCHOR_IDS[i]) || fired.includes(sig.id)) continue;
    if (sig.gate !== undefined && !sig.gate.test(lower)) continue;
    if (sig.precheck !== undefined && !sig.precheck(lower)) continue;
    sig.pattern.lastIndex = 0;
    if (sig.pattern.test(lower)) fired.push(sig.id);
  }
  if (adversarialSuffixScore(lower) > 0.08) fired.push('adversarial_suffix');
  if (gibberishSuffix(lower)) fired.push('gibberish_suffix');
  for (const e of extra) if (!fired.includes(e)) fired.push(e);
  return fired;
}

/**
 * Scratch counts reused across calls (the detector runs synchronously, one text at a time). A
 * feature occurs at most once per character of a scored text (at most MAX_CHARS), so 16 bits hold
 * any count, and the smaller array stays in cache better than floats. Only presence is used: a
 * feature's value is the same for one occurrence or ten (ADR 0005, injection round 4: counted
 * features let a language's function words, repeated in every sentence, outweigh what is asked).
 */
let counts = new Uint16Array(0);
let touched = new Int32Array(0);

/**
 * Counts the features of words `[from, to)` into `counts`, listing each distinct index once in
 * `touched` in order of first occurrence (the order every sum below runs in); returns how many.
 * The first word's bigram (second index of that word) is `firstBigram`: it pairs it with `<s>`.
 */
function countWords(words: WordIndex, from: number, to: number, firstBigram: number, dims: number): number {
  if (counts.length !== dims) {
    counts = new Uint16Array(dims);
    touched = new Int32Array(dims);
  }
  if (from >= to) return 0;
  const { offsets, indices } = words;
  const first = offsets[from];
  const last = offsets[to];
  // every word has a unigram, a bigram and at least one 4-gram: first + 1 < last
  let nTouched = 1;
  touched[0] = indices[first];
  counts[indices[first]] = 1;
  if (counts[firstBigram] === 0) touched[nTouched++] = firstBigram;
  counts[firstBigram]++;
  for (let k = first + 2; k < last; k++) {
    const idx = indices[k];
    const c = counts[idx];
    if (c === 0) touched[nTouched++] = idx;
    counts[idx] = c + 1;
  }
  return nTouched;
}

/** The value of each of `nTouched` present features in an L2-normalized presence vector. */
const presenceValue = (nTouched: number): number => Math.fround(1 / (Math.sqrt(nTouched) || 1));

/**
 * The L2-normalized presence vector of words `[from, to)` of an index. The first word's bigram is
 * `firstBigram` (with `<s>`: the words before `from` are not part of the scored text).
 */
export function vectorOfWords(
  words: WordIndex,
  from: number,
  to: number,
  firstBigram: number,
  dims: number,
  signals: readonly string[],
  names?: ReadonlyMap<number, string>,
): FeatureVector {
  const nTouched = countWords(words, from, to, firstBigram, dims);
  const values = new Float32Array(nTouched).fill(presenceValue(nTouched));
  const nameList: string[] = [];
  for (let k = 0; k < nTouched; k++) {
    const idx = touched[k];
    counts[idx] = 0;
    if (names !== undefined) nameList.push(names.get(idx) ?? '');
  }
  return { indices: touched.slice(0, nTouched), values, names: nameList, signals };
}

/**
 * `start` plus the dot product of `vectorOfWords(words, from, to, ...)` with quantized weights
 * (`weight = fround(byte * scale)`), without building the vector: the same float32 values, summed
 * in the same order, so the result is the same double.
 */
export function dotOfWords(
  words: WordIndex,
  from: number,
  to: number,
  firstBigram: number,
  dims: number,
  start: number,
  quantized: Int8Array,
  scale: number,
): number {
  const nTouched = countWords(words, from, to, firstBigram, dims);
  const value = presenceValue(nTouched);
  let sum = start;
  for (let k = 0; k < nTouched; k++) {
    const idx = touched[k];
    sum += Math.fround(quantized[idx] * scale) * value;
    counts[idx] = 0;
  }
  return sum;
}

/**
 * Hashed features: word unigrams, word bigrams and character 4-grams inside space-padded words of
 * the entity-masked text, computed without building the n-gram strings (FNV-1a fed char by char);
 * signals fire on the unmasked text. With `wanted`, the
 * strings of those indices are recovered too (for explaining a reported finding), and
 * `knownSignals` skips finding the signals again.
 */
export function extractFeatures(
  text: string,
  dims: number,
  extraSignals: readonly string[] = [],
  wanted?: ReadonlySet<number>,
  knownSignals?: readonly string[],
): FeatureVector {
  const lower = (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).toLowerCase();
  const names: FeatureNames | undefined =
    wanted === undefined ? undefined : { wanted, names: new Map<number, string>() };
  const words = indexWords(maskEntities(lower), dims, names);
  // the first word's bigram is already the one with <s>
  const firstBigram = words.count > 0 ? words.indices[1] : 0;
  const signals = knownSignals ?? firedSignals(lower, extraSignals);
  return vectorOfWords(words, 0, words.count, firstBigram, dims, signals, names?.names);
}
