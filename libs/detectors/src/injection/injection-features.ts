import { anyPresent, LiteralIndex, literalIds } from '../core/literal-index';
import { maskEntities } from './entity-mask';
import { INJECTION_SIGNALS } from './injection-signals';
import { adversarialSuffixScore, gibberishSuffix } from './suffix-signals';
import { indexWords, type FeatureNames, type WordIndex } from './word-index';

/** Sparse feature vector: hashed n-grams (L2-normalized) plus named signal features. */
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
 * any count, and the smaller array stays in cache better than floats.
 */
let counts = new Uint16Array(0);
let touched = new Int32Array(0);
/** 1 + ln(c) for small counts, the same doubles Math.log gives. */
const LOG_COUNT = Float64Array.from({ length: 256 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const logCount = (c: number): number => (c < 256 ? LOG_COUNT[c] : 1 + Math.log(c));

/**
 * The L2-normalized log-count vector of words `[from, to)` of an index. The first word's bigram is
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
  if (counts.length !== dims) {
    counts = new Uint16Array(dims);
    touched = new Int32Array(dims);
  }
  const { offsets, indices } = words;
  let nTouched = 0;
  const first = from < to ? offsets[from] : 0;
  const last = from < to ? offsets[to] : 0;
  for (let k = first; k < last; k++) {
    // the first word's bigram (second index of that word) pairs it with <s>
    const idx = k === first + 1 ? firstBigram : indices[k];
    if (counts[idx] === 0) touched[nTouched++] = idx;
    counts[idx]++;
  }
  const values = new Float32Array(nTouched);
  const logs = new Float64Array(nTouched);
  let norm = 0;
  for (let k = 0; k < nTouched; k++) {
    const v = logCount(counts[touched[k]]);
    logs[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const outIndices = touched.slice(0, nTouched);
  const nameList: string[] = [];
  for (let k = 0; k < nTouched; k++) {
    const idx = outIndices[k];
    values[k] = logs[k] / norm;
    counts[idx] = 0;
    if (names !== undefined) nameList.push(names.get(idx) ?? '');
  }
  return { indices: outIndices, values, names: nameList, signals };
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
