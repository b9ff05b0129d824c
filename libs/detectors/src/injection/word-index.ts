/**
 * The hashed n-gram indices of every word of a text, computed once. The whole text and each of its
 * paragraph windows are then scored by summing the indices of their words, instead of hashing the
 * same characters again for every window.
 *
 * Per word, in this order: the unigram, the bigram with the previous word (`<s>` for the first word),
 * then the character 4-grams of ` word ` (the whole padded word when it is shorter). A window that
 * starts at word `w` uses `bosBigram(...)` in place of the bigram with the word before the window.
 */
export interface WordIndex {
  readonly count: number;
  /** Word spans in the lowercased text. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Feature indices of word w are `indices[offsets[w] .. offsets[w + 1])`. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
}

/** The n-gram strings of the `wanted` indices are collected into `names` (explanations only). */
export interface FeatureNames {
  readonly wanted: ReadonlySet<number>;
  readonly names: Map<number, string>;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

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
const H_BOS = feed(H_B, BOS, 0, 3);

const ASCII_WORD_START = new Uint8Array(128);
const ASCII_WORD_CONT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  ASCII_WORD_START[c] = alnum ? 1 : 0;
  ASCII_WORD_CONT[c] = alnum || c === 39 || c === 95 || c === 45 ? 1 : 0;
}
const UNICODE_ALNUM = /[\p{L}\p{N}\p{M}]/u;
/** Per BMP code unit: 0 not yet asked, 1 letter/digit/mark, 2 not (the regex runs once per char). */
const UNICODE_CLASS = new Uint8Array(0x10000);

/** Whether non-ASCII, non-surrogate code unit `c` is a letter, digit or mark. */
function isUnicodeAlnum(c: number): boolean {
  let k = UNICODE_CLASS[c];
  if (k === 0) {
    k = UNICODE_ALNUM.test(String.fromCharCode(c)) ? 1 : 2;
    UNICODE_CLASS[c] = k;
  }
  return k === 1;
}

function isStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD_START[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return isUnicodeAlnum(c);
}

/** Whether char i can continue a word (letters, digits, `'`, `_`, `-`). */
export function isWordCont(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD_CONT[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return isUnicodeAlnum(c);
}

/** The arrays a WordIndex is written into, reused across calls (one text at a time, synchronously). */
interface WordBuffers {
  starts: Int32Array;
  ends: Int32Array;
  offsets: Int32Array;
  indices: Int32Array;
}
const newBuffers = (): WordBuffers => ({
  starts: new Int32Array(1024),
  ends: new Int32Array(1024),
  offsets: new Int32Array(1025),
  indices: new Int32Array(8192),
});
/** For any text indexed on its own (windows, views). */
const SHARED = newBuffers();
/** For the one long-lived index of the text being scanned (see `indexWords`'s `own`). */
const OWNED = newBuffers();

function grown(a: Int32Array, min: number): Int32Array {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function tokenize(lower: string, b: WordBuffers): number {
  let { starts, ends } = b;
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
    while (i < len && isWordCont(lower, i)) i++;
    if (n === starts.length) {
      starts = b.starts = grown(starts, n + 1);
      ends = b.ends = grown(ends, n + 1);
    }
    starts[n] = s;
    ends[n] = i;
    n++;
  }
  return n;
}

/** Bigram index of the word `lower[s, e)` after `<s>` (the first word of a window). */
export function bosBigram(lower: string, s: number, e: number, dims: number): number {
  return (feed(feedCode(H_BOS, 32), lower, s, e) >>> 0) & (dims - 1);
}

function wanted(names: FeatureNames | undefined, idx: number): names is FeatureNames {
  return names !== undefined && names.wanted.has(idx) && !names.names.has(idx);
}

/**
 * Indexes a lowercased text into reused arrays (longer than needed: `count` and `offsets` bound
 * them), valid until the next call with the same `own`: without it, any call; with it, the next
 * index that is kept (the scanned text's, see IndexedText), so indexing windows and views on their
 * own meanwhile does not overwrite it. With `names`, the n-gram strings of the wanted indices are
 * collected.
 */
export function indexWords(lower: string, dims: number, names?: FeatureNames, own = false): WordIndex {
  const mask = dims - 1;
  const b = own ? OWNED : SHARED;
  const n = tokenize(lower, b);
  const { starts, ends } = b;
  const offsets = (b.offsets = grown(b.offsets, n + 1));
  // a word of k chars has k + 2 - 3 four-grams (at least 1), plus unigram and bigram
  const indices = (b.indices = grown(b.indices, lower.length + 4 * n + 8));
  let k = 0;
  let hPrev = H_BOS;
  for (let w = 0; w < n; w++) {
    const s = starts[w];
    const e = ends[w];
    offsets[w] = k;
    // unigram, bigram and the next word's bigram prefix are fed the same chars: one pass
    let hUni = H_W;
    let hBig = feedCode(hPrev, 32);
    let hNext = H_B;
    for (let i = s; i < e; i++) {
      const c = lower.charCodeAt(i);
      hUni = Math.imul(hUni ^ c, FNV_PRIME);
      hBig = Math.imul(hBig ^ c, FNV_PRIME);
      hNext = Math.imul(hNext ^ c, FNV_PRIME);
    }
    const uni = (hUni >>> 0) & mask;
    indices[k++] = uni;
    const big = (hBig >>> 0) & mask;
    indices[k++] = big;
    if (wanted(names, uni)) names.names.set(uni, 'w:' + lower.slice(s, e));
    if (wanted(names, big)) {
      const prev = w === 0 ? BOS : lower.slice(starts[w - 1], ends[w - 1]);
      names.names.set(big, 'b:' + prev + ' ' + lower.slice(s, e));
    }
    hPrev = hNext;
    const len = e - s + 2;
    if (len <= 5) {
      // the whole padded word is the only gram
      let h = feedCode(H_C, 32);
      for (let i = s; i < e; i++) h = feedCode(h, lower.charCodeAt(i));
      const idx = (feedCode(h, 32) >>> 0) & mask;
      indices[k++] = idx;
      if (wanted(names, idx)) names.names.set(idx, 'c:' + ' ' + lower.slice(s, e) + ' ');
      continue;
    }
    // 4-grams of ` word `, the last four padded chars kept in c0..c3
    let c0 = 32;
    let c1 = lower.charCodeAt(s);
    let c2 = lower.charCodeAt(s + 1);
    let c3 = lower.charCodeAt(s + 2);
    for (let i = 0; i <= len - 4; i++) {
      if (i > 0) {
        c0 = c1;
        c1 = c2;
        c2 = c3;
        c3 = i + 3 === len - 1 ? 32 : lower.charCodeAt(s + i + 2);
      }
      const idx = (feedCode(feedCode(feedCode(feedCode(H_C, c0), c1), c2), c3) >>> 0) & mask;
      indices[k++] = idx;
      if (wanted(names, idx)) names.names.set(idx, 'c:' + (' ' + lower.slice(s, e) + ' ').slice(i, i + 4));
    }
  }
  offsets[n] = k;
  return { count: n, starts, ends, offsets, indices };
}
