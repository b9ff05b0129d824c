import { ibanMod97Valid, luhnValid } from './checksums';
import { IBAN_LENGTHS } from './iban-lengths';
import { continuesCode, type Candidate } from './pii-candidate';

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;

function cardBrand(d: string): string | undefined {
  if (/^4/.test(d) && [13, 16, 19].includes(d.length)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(d) && d.length === 16) return 'mastercard';
  if (/^3[47]/.test(d) && d.length === 15) return 'amex';
  if (/^(6011|65|64[4-9]|622)/.test(d) && d.length >= 16) return 'discover';
  if (/^35/.test(d) && d.length >= 16) return 'jcb';
  if (/^(2131|1800)/.test(d) && d.length === 15) return 'jcb';
  if (/^3(0[0-5]|[689])/.test(d) && d.length >= 14 && d.length <= 19) return 'diners';
  if (/^62/.test(d) && d.length >= 16) return 'unionpay';
  if (/^(50|5[6-9]|6304|6759|676[1-3])/.test(d) && d.length >= 12) return 'maestro';
  if (/^1/.test(d) && d.length === 15) return 'uatp';
  return undefined;
}

export function findCards(text: string, out: Candidate[]): void {
  CARD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CARD.exec(text)) !== null) {
    const raw = m[0].replace(/[ -]+$/, '');
    const d = raw.replace(/[ -]/g, '');
    if (d.length < 13 || d.length > 19 || !luhnValid(d) || /^(\d)\1+$/.test(d)) continue;
    const brand = cardBrand(d);
    if (brand === undefined || continuesCode(text, m.index)) continue;
    out.push({
      type: 'CREDIT_CARD',
      start: m.index,
      end: m.index + raw.length,
      score: 0.95,
      signals: ['luhn', `brand:${brand}`],
      priority: 9,
    });
  }
}

export function findIbans(text: string, out: Candidate[]): void {
  IBAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN.exec(text)) !== null) {
    const raw = m[0];
    const seps = raw.match(/[ -]/g);
    if (seps !== null && new Set(seps).size > 1) continue;
    const compact = raw.replace(/[ -]/g, '').toUpperCase();
    const country = compact.slice(0, 2);
    const len = IBAN_LENGTHS[country];
    if (len === undefined) continue;
    // The regex is greedy: trim trailing groups beyond the country length (e.g. "… 8741 ALL CAPS").
    let value = raw;
    if (compact.length > len) {
      let kept = 0;
      let i = 0;
      for (; i < raw.length && kept < len; i++) if (raw[i] !== ' ' && raw[i] !== '-') kept++;
      value = raw.slice(0, i);
      const next = raw[i];
      if (next !== ' ' && next !== '-') continue;
    }
    const v = value.replace(/[ -]/g, '').toUpperCase();
    if (v.length !== len || !ibanMod97Valid(v)) continue;
    out.push({
      type: 'IBAN',
      start: m.index,
      end: m.index + value.length,
      score: 0.97,
      signals: ['iban_mod97', `country:${country}`],
      priority: 10,
    });
  }
}
