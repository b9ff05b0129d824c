/** Per-call scratch for ASCII counts, and the order in which characters first appear. */
const asciiCounts = new Int32Array(128);
let firstSeen = new Int32Array(128);

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 128;
  if (!ascii) return entropyOfCounts(countByCodePoint(s), s.length);
  // Same sum as the general path: terms added in the order characters first appear.
  if (firstSeen.length < s.length) firstSeen = new Int32Array(s.length);
  let distinct = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (asciiCounts[c]++ === 0) firstSeen[distinct++] = c;
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = firstSeen[k];
    const p = asciiCounts[c] / s.length;
    h -= p * Math.log2(p);
    asciiCounts[c] = 0;
  }
  return h;
}

function countByCodePoint(s: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

function entropyOfCounts(counts: Map<string, number>, length: number): number {
  let h = 0;
  for (const c of counts.values()) {
    const p = c / length;
    h -= p * Math.log2(p);
  }
  return h;
}

const MASK_OR_TEMPLATE =
  /x{4,}|\*{3,}|#{4,}|\.{3}|^<[^>]*>$|^\$\{[^}]*\}$|^\{\{[^}]*\}\}$|^%\([^)]*\)s?$|^\$\([^)]*\)$|\bnull\b|undefined|changeme|change[_-]?me|placeholder|redacted|your[_-]?|example|dummy|sample|fixme|(?<![a-z])todo|insert|replace|enter[_-]|env\.|process\.env|getenv|os\.environ|secrets\.|\bvar\.|config\[|(?<![a-z])fake|^\$[A-Z_]+$|^%[A-Z_]+%$/i;
const SEQUENCE_WORDS = /abc123|123abc|xyz789|1234567890|0123456789|abcdef/i;
const PLACEHOLDER_WORD =
  /^(?:password|secret|token|test|pass|passwd|admin|root|none|true|false|string|value|key)\d*$/i;

/** Share of characters inside ascending runs of 3+ (`abcd`, `6789`, case-insensitive). */
export function sequentialShare(value: string): number {
  const s = value.toLowerCase();
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && s.charCodeAt(i) === s.charCodeAt(i - 1) + 1) {
      run++;
      continue;
    }
    if (run >= 3) inRuns += run;
    run = 1;
  }
  return s.length === 0 ? 0 : inRuns / s.length;
}

function lowEntropy(value: string): boolean {
  return (value.length >= 16 && shannonEntropy(value) < 2.2) || /^(.)\1+$/.test(value);
}

/** Placeholders, templating, env references and repeated characters are not secrets. */
export function looksLikePlaceholder(value: string): boolean {
  if (MASK_OR_TEMPLATE.test(value) || SEQUENCE_WORDS.test(value) || PLACEHOLDER_WORD.test(value)) return true;
  if (lowEntropy(value)) return true;
  if (/^(?:abc|123|0123|abcdef|qwerty)/i.test(value) && shannonEntropy(value) < 3.2) return true;
  return false;
}

/** Narrow check for values inside URLs: templating, masks and env references only. */
export function looksLikeTemplate(value: string): boolean {
  return (
    /[$<>[\]{}]|x{4,}|\*{3,}|%[A-Z_]+%|^(?:password|pass|pwd|passwd)$/i.test(value) || /^(.)\1+$/.test(value)
  );
}

/**
 * For a value stated outright ("the password is 'Secret123'"): only masks, templating and
 * placeholder phrases are rejected, since a weak word is still the disclosed password.
 */
export function looksLikeMaskOrTemplate(value: string): boolean {
  return MASK_OR_TEMPLATE.test(value) || /^(.)\1+$/.test(value);
}

/**
 * A provider-format value is a placeholder when it is masked, templated, a placeholder word,
 * low-entropy, or mostly made of alphabet/digit runs. A run inside an otherwise random value
 * does not count (`xoxb-123456789012-Xw937qtWSXJss1lFaKe`; `sk-ant-api03-abc123xyz-456def…` is a placeholder).
 */
export function looksLikeFormatPlaceholder(value: string): boolean {
  if (MASK_OR_TEMPLATE.test(value) || PLACEHOLDER_WORD.test(value) || lowEntropy(value)) return true;
  return value.length >= 16 && sequentialShare(value) >= 0.35;
}
