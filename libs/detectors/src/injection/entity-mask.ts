/**
 * Entity-like tokens (emails, URLs, domain names, digits) say who or where, not what is asked, yet a
 * hashed n-gram model learns them from the sources they happen to occur in ("example com" of the
 * BIPIA emails). Before hashing, emails, URLs and bare domains are blanked out and every digit
 * becomes 0. The result has the same length, so word offsets still point into the text. Signals
 * still run on the unmasked text (an exfiltration URL is their business, not the n-grams').
 */
const TLD = '(?:com|org|net|io|edu|gov|dev|ai|co|app|info|biz|us|uk|de|fr)';
const PATH = '[^\\s<>"\'()[\\]{}]';

interface EntityPattern {
  /** Something every match contains: the pattern runs only when the text has it (cheap scan). */
  readonly cue: RegExp;
  /** Starts only where a run of its characters starts, so a long token is not rescanned per char. */
  readonly pattern: RegExp;
}

const ENTITIES: readonly EntityPattern[] = [
  { cue: /@/, pattern: /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/g },
  { cue: /:\/\/|www\./, pattern: new RegExp(`\\b(?:https?://|www\\.)${PATH}+`, 'g') },
  {
    cue: new RegExp(`\\.${TLD}\\b`),
    pattern: new RegExp(`(?<![a-z0-9.-])[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${TLD}\\b(?:/${PATH}*)?`, 'g'),
  },
];
const DIGIT = /[1-9]/g;
const HAS_DIGIT = /[1-9]/;

const blank = (m: string): string => ' '.repeat(m.length);

/** `lower` with entities blanked and digits zeroed; the same string when there is nothing to mask. */
export function maskEntities(lower: string): string {
  let out = HAS_DIGIT.test(lower) ? lower.replace(DIGIT, '0') : lower;
  for (const e of ENTITIES) if (e.cue.test(out)) out = out.replace(e.pattern, blank);
  return out;
}

/** Whether position i of the masked text lies inside a blanked entity. */
export function isMasked(lower: string, masked: string, i: number): boolean {
  return i >= 0 && i < lower.length && masked.charCodeAt(i) === 32 && lower.charCodeAt(i) !== 32;
}
