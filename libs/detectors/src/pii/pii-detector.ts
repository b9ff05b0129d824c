import type { Finding } from '../core/finding';
import { findEmails } from './email-candidates';
import { findCards, findIbans } from './financial-candidates';
import { findNationalIds, findSsns } from './id-number-candidates';
import { findIps } from './ip-candidates';
import { findAddresses, findDatesOfBirth, findPersons } from './personal-detail-candidates';
import { digitCount, type Candidate, type PiiType } from './pii-candidate';
import { findPhones } from './phone-candidates';
import { resolveOverlaps } from './resolve-overlaps';

export type { PiiType } from './pii-candidate';

export interface PiiOptions {
  /** Restrict to these types; all when omitted. */
  readonly types?: readonly PiiType[];
}

/** PII findings on an already-normalized text, offsets in that text. */
export function detectPii(text: string, options: PiiOptions = {}): Finding[] {
  const cands: Candidate[] = [];
  // Most validated types need several digits; prose with fewer skips their regexes.
  const digits = digitCount(text);
  findOutrankingPhones(text, digits, cands);
  // Every candidate so far outranks a phone: a phone overlapping one they keep would be dropped,
  // so it is not validated at all (the validator is the costliest step of PII detection).
  if (digits >= 7) findPhones(text, cands, cands.length > 0 ? resolveOverlaps([...cands]) : []);
  if (digits >= 4) findDatesOfBirth(text, cands);
  findAddresses(text, cands);
  findPersons(text, cands);
  const wanted = options.types === undefined ? undefined : new Set(options.types);
  return resolveOverlaps(cands)
    .filter((c) => wanted === undefined || wanted.has(c.type))
    .map((c) => ({ type: c.type, start: c.start, end: c.end, score: c.score, signals: c.signals }));
}

/** The candidates that outrank a phone (emails, IBANs, cards, SSNs, IPs, national ids), in detection order. */
export function findOutrankingPhones(text: string, digits: number, cands: Candidate[]): void {
  findEmails(text, cands);
  findIbans(text, cands);
  if (digits >= 13) findCards(text, cands);
  if (digits >= 9) findSsns(text, cands);
  findIps(text, digits, cands);
  findNationalIds(text, digits, cands);
}
