/**
 * Entity-like tokens (emails, URLs, domain names, digits) say who or where, not what is asked, yet a
 * hashed n-gram model learns them from the sources they happen to occur in ("example com" of the
 * BIPIA emails). Before hashing, emails, URLs and bare domains are blanked out and every digit
 * becomes 0. The result has the same length, so word offsets still point into the text. Signals
 * still run on the unmasked text (an exfiltration URL is their business, not the n-grams').
 */
const ENTITY =
  /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|edu|gov|dev|ai|co|app|info|biz|us|uk|de|fr)\b(?:\/[^\s<>"'()[\]{}]*)?/g;
const DIGIT = /[1-9]/g;
const HAS_DIGIT = /[1-9]/;

/** Something every ENTITY match contains; most texts have none, and this scan is much cheaper. */
const ENTITY_CUE = /@|:\/\/|www\.|\.(?:com|org|net|io|edu|gov|dev|ai|co|app|info|biz|us|uk|de|fr)\b/;

function hasEntityCue(lower: string): boolean {
  return ENTITY_CUE.test(lower);
}

/** `lower` with entities blanked and digits zeroed; the same string when there is nothing to mask. */
export function maskEntities(lower: string): string {
  let out = HAS_DIGIT.test(lower) ? lower.replace(DIGIT, '0') : lower;
  if (hasEntityCue(out)) out = out.replace(ENTITY, (m) => ' '.repeat(m.length));
  return out;
}

/** Whether position i of the masked text lies inside a blanked entity. */
export function isMasked(lower: string, masked: string, i: number): boolean {
  return i >= 0 && i < lower.length && masked.charCodeAt(i) === 32 && lower.charCodeAt(i) !== 32;
}
