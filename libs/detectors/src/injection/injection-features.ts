import { anyPresent, LiteralIndex, literalIds } from '../core/literal-index';
import { adversarialSuffixScore, INJECTION_SIGNALS } from './injection-signals';

/** Sparse feature vector: hashed n-grams (L2-normalized) plus named signal features. */
export interface FeatureVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  /** The n-gram behind each index (only when explanations were asked for), same order. */
  readonly names: readonly string[];
  readonly signals: readonly string[];
}

const MAX_CHARS = 12_000;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Extra signal names the model also knows; the engine sets them from normalization results. */
export const CONTEXT_SIGNALS = ['hidden_content', 'encoded_payload', 'adversarial_suffix'] as const;
export const ALL_SIGNAL_IDS: readonly string[] = [...INJECTION_SIGNALS.map((x) => x.id), ...CONTEXT_SIGNALS];

const ANCHORS = new LiteralIndex(INJECTION_SIGNALS.flatMap((x) => x.anchors ?? []));
const SIGNAL_ANCHOR_IDS = INJECTION_SIGNALS.map((x) => literalIds(ANCHORS, x.anchors));

export function firedSignals(lower: string, extra: readonly string[] = []): string[] {
  const fired: string[] = [];
  const present = ANCHORS.scan(lower);
  for (let i = 0; i < INJECTION_SIGNALS.length; i++) {
    const sig = INJECTION_SIGNALS[i];
    if (!anyPresent(present, SIGNAL_ANCHOR_IDS[i])) continue;
    sig.pattern.lastIndex = 0;
    if (sig.pattern.test(lower)) fired.push(sig.id);
  }
  if (adversarialSuffixScore(lower) > 0.08) fired.push('adversarial_suffix');
  for (const e of extra) if (!fired.includes(e)) fired.push(e);
  return fired;
}

function feed(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}
const feedCode = (h: number, c: number): number => Math.imul(h ^ c, FNV_PRIME);
const H_W = feed(FNV_OFFSET, 'w:', 0, 2);
const H_B = feed(FNV_OFFSET, 'b:', 0, 2);
const H_C = feed(FNV_OFFSET, 'c:', 0, 2);
const BOS = '<s>';

/** Scratch buffers reused across calls (the detector runs synchronously, one text at a time). */
let scratch = new Float32Array(0);
let touched = new Int32Array(0);
let wordStarts: Int32Array = new Int32Array(1024);
let wordEnds: Int32Array = new Int32Array(1024);

const ASCII_WORD_START = new Uint8Array(128);
const ASCII_WORD_CONT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  ASCII_WORD_START[c] = alnum ? 1 : 0;
  ASCII_WORD_CONT[c] = alnum || c === 39 || c === 95 || c === 45 ? 1 : 0;
}
const UNICODE_ALNUM = /[\p{L}\p{N}\p{M}]/u;

function isStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD_START[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return UNICODE_ALNUM.test(text[i]);
}
function isCont(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD_CONT[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return UNICODE_ALNUM.test(text[i]);
}

/** Word spans (letters/digits, then letters/digits/'/_/-) into the shared buffers; returns the count. */
function tokenize(lower: string): number {
  let n = 0;
  let i = 0;
  const len = lower.length;
  while (i < len) {
    if (!isStart(lower, i)) {
      i++;
      continue;
    }
    const s = i;
    i++;
    while (i < len && isCont(lower, i)) i++;
    if (n === wordStarts.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      wordStarts = grow(wordStarts);
      wordEnds = grow(wordEnds);
    }
    wordStarts[n] = s;
    wordEnds[n] = i;
    n++;
  }
  return n;
}

function padded(lower: string, s: number, len: number, i: number): number {
  return i === 0 || i === len - 1 ? 32 : lower.charCodeAt(s + i - 1);
}

/**
 * Hashed features: word unigrams, word bigrams and character 4-grams inside space-padded words,
 * computed without building the n-gram strings (FNV-1a fed char by char). With `wanted`, the
 * strings of those indices are recovered too (for explaining a reported finding).
 */
export function extractFeatures(
  text: string,
  dims: number,
  extraSignals: readonly string[] = [],
  wanted?: ReadonlySet<number>,
): FeatureVector {
  const lower = (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).toLowerCase();
  if (scratch.length !== dims) {
    scratch = new Float32Array(dims);
    touched = new Int32Array(dims);
  }
  const mask = dims - 1;
  let nTouched = 0;
  const names = wanted !== undefined ? new Map<number, string>() : undefined;
  const nWords = tokenize(lower);
  const hBos = feed(H_B, BOS, 0, 3);
  for (let w = 0; w < nWords; w++) {
    const s = wordStarts[w];
    const e = wordEnds[w];
    // unigram
    let idx = (feed(H_W, lower, s, e) >>> 0) & mask;
    if (scratch[idx] === 0) touched[nTouched++] = idx;
    scratch[idx] += 1;
    if (names !== undefined && wanted?.has(idx) === true && !names.has(idx))
      names.set(idx, 'w:' + lower.slice(s, e));
    // bigram
    const hb = w === 0 ? hBos : feed(H_B, lower, wordStarts[w - 1], wordEnds[w - 1]);
    idx = (feed(feedCode(hb, 32), lower, s, e) >>> 0) & mask;
    if (scratch[idx] === 0) touched[nTouched++] = idx;
    scratch[idx] += 1;
    if (names !== undefined && wanted?.has(idx) === true && !names.has(idx))
      names.set(
        idx,
        'b:' + (w === 0 ? BOS : lower.slice(wordStarts[w - 1], wordEnds[w - 1])) + ' ' + lower.slice(s, e),
      );
    // char 4-grams of ' ' + word + ' ' (the whole padded word when it is shorter)
    const len = e - s + 2;
    const last = len <= 5 ? 0 : len - 4;
    const width = len <= 5 ? len : 4;
    for (let i = 0; i <= last; i++) {
      let h = H_C;
      for (let k = i; k < i + width; k++) h = feedCode(h, padded(lower, s, len, k));
      idx = (h >>> 0) & mask;
      if (scratch[idx] === 0) touched[nTouched++] = idx;
      scratch[idx] += 1;
      if (names !== undefined && wanted?.has(idx) === true && !names.has(idx))
        names.set(idx, 'c:' + (' ' + lower.slice(s, e) + ' ').slice(i, i + width));
    }
  }
  let norm = 0;
  for (let k = 0; k < nTouched; k++) {
    const v = 1 + Math.log(scratch[touched[k]]);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const indices = new Int32Array(nTouched);
  const values = new Float32Array(nTouched);
  const nameList: string[] = [];
  for (let k = 0; k < nTouched; k++) {
    const idx = touched[k];
    indices[k] = idx;
    values[k] = (1 + Math.log(scratch[idx])) / norm;
    scratch[idx] = 0;
    if (names !== undefined) nameList.push(names.get(idx) ?? '');
  }
  return { indices, values, names: nameList, signals: firedSignals(lower, extraSignals) };
}
