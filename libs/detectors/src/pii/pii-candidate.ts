export type PiiType =
  | 'EMAIL'
  | 'PHONE'
  | 'CREDIT_CARD'
  | 'IBAN'
  | 'US_SSN'
  | 'IP_ADDRESS'
  | 'NATIONAL_ID'
  | 'PERSON'
  | 'STREET_ADDRESS'
  | 'DATE_OF_BIRTH';

/** A match before overlap resolution: of two overlapping candidates, the higher `priority` is kept. */
export interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  score: number;
  signals: string[];
  priority: number;
}

export function windowBefore(text: string, start: number, size: number): string {
  return text.slice(Math.max(0, start - size), start);
}

export function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** True when the match continues a longer alphanumeric code (e.g. the tail of an invalid IBAN). */
export function continuesCode(text: string, start: number): boolean {
  return /[A-Za-z]{1,4}\d{1,4}[ -]?$|\d[ -]$/.test(text.slice(Math.max(0, start - 8), start));
}
