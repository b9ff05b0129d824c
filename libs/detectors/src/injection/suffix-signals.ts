/**
 * Signals of optimised adversarial suffixes (GCG-style gibberish), computed by walking the text in
 * place instead of splitting it.
 */
/** `\s` of JavaScript regular expressions. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Adversarial-suffix signal: many tokens mixing letters with punctuation runs (GCG-style).
 * Tokens are what `text.split(/\s+/)` would give (leading/trailing empty ones count), walked
 * in place without allocating them.
 */
export function adversarialSuffixScore(text: string): number {
  let tokens = 1;
  let odd = 0;
  let len = 0;
  let punct = 0;
  let letters = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (isSpace(c)) {
      if (len >= 2 && letters > 0 && punct >= 2 && punct / len > 0.2) odd++;
      if (i < n && (i === 0 || !isSpace(text.charCodeAt(i - 1)))) tokens++;
      len = 0;
      punct = 0;
      letters = 0;
      continue;
    }
    len++;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
    else if (c > 32 && c < 127 && !(c >= 48 && c <= 57)) punct++;
  }
  return tokens < 8 ? 0 : odd / tokens;
}

/** Characters of code and markup that GCG-style suffixes scatter through words. */
const SUFFIX_SYMBOLS = new Uint8Array(128);
for (const c of '{}[]()<>`$\\|=_^~#@*') SUFFIX_SYMBOLS[c.charCodeAt(0)] = 1;
const isSuffixSymbol = (c: number): boolean => c < 128 && SUFFIX_SYMBOLS[c] === 1;
/** `(` `)` `[` `]` `{` `}` → their slot in BRACKET_COUNTS (opening even, closing odd). */
const BRACKET_INDEX = new Map([40, 41, 91, 93, 123, 125].map((c, i) => [c, i]));
const BRACKET_COUNTS = new Int32Array(6);
const GIBBERISH_MIN = 6;
/** Unpaired brackets plus an odd backtick count in the tail. */
const GIBBERISH_UNPAIRED = 2;

/**
 * An optimised adversarial suffix after a plain request (GCG, DSN): the last line starts as prose
 * (its first 40 % of words have at most one code symbol and are ≥ 90 % letters and spaces) and
 * ends in words strewn with brackets, backticks and `$`/`=`/`|`, at least two of which do not pair
 * up. Code, tables and formulas span several lines, are symbol-dense from the start, or pair their
 * brackets and backticks when quoted in a one-line question.
 */
export function gibberishSuffix(lower: string): boolean {
  let end = lower.length;
  while (end > 0 && isSpace(lower.charCodeAt(end - 1))) end--;
  // a long last line is judged by its last 3,000 chars (bounded work per text and window)
  const start = Math.max(lower.lastIndexOf('\n', end - 1) + 1, end - 3000);
  if (end - start < 60) return false;
  // A score of 6 needs at least 3 symbols in the tail (an unpaired bracket is a symbol too), and the
  // tail is a suffix of the last 120 characters with whitespace runs collapsed: look there first.
  let symbols = 0;
  let seen = 0;
  for (let i = end - 1; i >= start && seen < 120; i--) {
    const c = lower.charCodeAt(i);
    if (isSpace(c) && i + 1 < end && isSpace(lower.charCodeAt(i + 1))) continue;
    seen++;
    if (isSuffixSymbol(c)) symbols++;
  }
  if (symbols < 3) return false;
  // Words are runs of non-space characters; the head and tail are measured as if the words were
  // joined by single spaces, walking the line in place instead of splitting it.
  const n = countWords(lower, start, end);
  if (n < 12) return false;
  const headWords = Math.floor(n * 0.4);
  let headSymbols = 0;
  let prose = 0;
  let headLength = 0;
  let word = 0;
  let inWord = false;
  for (let i = start; i < end && word <= headWords; i++) {
    const c = lower.charCodeAt(i);
    if (isSpace(c)) {
      if (inWord) word++;
      inWord = false;
      continue;
    }
    if (!inWord && word === headWords) break;
    if (!inWord && word > 0) {
      headLength++; // the joining space
      prose++;
    }
    inWord = true;
    headLength++;
    if (isSuffixSymbol(c)) headSymbols++;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 0xc0) prose++;
  }
  if (headSymbols > 1 || prose < 0.9 * headLength) return false;
  // the tail: the last max(8, n/2) words, at most their last 120 joined characters
  const tailWords = Math.max(8, Math.floor(n * 0.5));
  let score = 0;
  let taken = 0;
  let wordsSeen = 0;
  let backticks = 0;
  BRACKET_COUNTS.fill(0);
  inWord = false;
  for (let i = end - 1; i >= start && taken < 120; i--) {
    const c = lower.charCodeAt(i);
    if (isSpace(c)) {
      if (inWord) {
        wordsSeen++;
        if (wordsSeen === tailWords) break;
        taken++; // the joining space
      }
      inWord = false;
      continue;
    }
    inWord = true;
    taken++;
    if (isSuffixSymbol(c)) score++;
    if (c === 96) backticks++;
    const b = BRACKET_INDEX.get(c);
    if (b !== undefined) BRACKET_COUNTS[b]++;
  }
  let imbalance = 0;
  for (let b = 0; b < BRACKET_COUNTS.length; b += 2)
    imbalance += Math.abs(BRACKET_COUNTS[b] - BRACKET_COUNTS[b + 1]);
  // code quoted in a question pairs its brackets and backticks; an optimised suffix rarely does
  return score + imbalance >= GIBBERISH_MIN && imbalance + (backticks % 2) >= GIBBERISH_UNPAIRED;
}

function countWords(text: string, start: number, end: number): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
