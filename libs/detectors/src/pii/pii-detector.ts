import { isIP } from 'node:net';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Finding } from '../core/finding';
import { ibanMod97Valid, luhnValid } from './checksums';
import { IBAN_LENGTHS } from './iban-lengths';
import { NATIONAL_ID_SCHEMES } from './national-ids';

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

interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  score: number;
  signals: string[];
  priority: number;
}

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:xn--[a-z0-9-]{2,30}|[A-Za-z]{2,24})(?![\w-]*@)\b/g;
const RESERVED_EMAIL_DOMAIN =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|domain\.com|email\.com|yourdomain\.com|company\.com)$/i;
const PLACEHOLDER_LOCAL =
  /^(?:user(?:name)?|your[._-]?(?:email|name)|email|name|john\.?doe|jane\.?doe|someone|me|test|foo|bar|admin|noreply|no-reply)$/i;

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g;
const SSN = /(?<![\d-])(\d{3})([- .]?)(\d{2})([- .]?)(\d{4})(?![\d-])/g;
const IPV4 =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?(?![\w]|\.\d)/g;
const IPV6 =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:\/\d{1,3})?(?![\w:]|\.\d)/g;
const PHONE =
  /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,12}(?:[ .-]\d{1,8}){0,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w:]|\.\d)/g;
const PHONE_CUE =
  /\b(?:phone|tel(?:ephone)?|mobile|cell|fax|desk|office|call(?:ed)?|number|reach|contact|text me|whats ?app|answering|messages to|registered|dial|cep|sms|ring)\b/i;
const SSN_CUE = /\b(?:ssn|social security|soc\.? ?sec)/i;
const DOB_CUE = /(?:\bdob\b|date of birth|birth ?date|born(?: on)?|birthday|d\.o\.b)/i;
const DATE =
  /\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,? (?:19|20)\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2})\b/g;
const STREET =
  /\b\d{1,6}[A-Za-z]?(?: [A-Z][A-Za-z'.-]+){1,4} (?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way|Place|Pl\.?|Terrace|Parkway|Pkwy|Highway|Hwy|Circle|Cir\.?|Square|Sq\.?|Trail|Crescent|Close|Gardens|Row)\b(?:,? (?:Apt\.?|Suite|Unit|#) ?\w+)?/g;
const PERSON_CUE =
  /\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Madam)\.? |(?:[Mm]y name is|[Nn]ame is|I am|I'm|[Tt]his is|[Dd]ear|[Ss]igned,?|[Rr]egards,?|[Ss]incerely,?|patient|customer|employee|contact person:?)\s+)((?:[A-Z][a-z'\u00C0-\u024F-]+)(?: [A-Z][a-z'\u00C0-\u024F-]+| [A-Z]\.){0,3})/g;
const NOT_NAMES = new Set([
  'The',
  'This',
  'That',
  'Here',
  'There',
  'I',
  'A',
  'An',
  'It',
  'We',
  'You',
  'Sorry',
  'Happy',
  'Glad',
  'Not',
  'Going',
  'Looking',
  'Writing',
  'Please',
  'Thank',
  'Thanks',
  'Hi',
  'Hello',
  'Yes',
  'No',
  'Sure',
  'Just',
  'Also',
  'Very',
  'So',
]);
const PHONE_COUNTRIES: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'IN',
  'BR',
  'AU',
  'IT',
  'ES',
  'JP',
  'CN',
  'TR',
  'IL',
  'PH',
];

function windowBefore(text: string, start: number, size: number): string {
  return text.slice(Math.max(0, start - size), start);
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

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

/** True when the match continues a longer alphanumeric code (e.g. the tail of an invalid IBAN). */
function continuesCode(text: string, start: number): boolean {
  return /[A-Za-z]{1,4}\d{1,4}[ -]?$|\d[ -]$/.test(text.slice(Math.max(0, start - 8), start));
}

function emails(text: string, out: Candidate[]): void {
  if (!text.includes('@')) return;
  EMAIL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAIL.exec(text)) !== null) {
    const value = m[0];
    const at = value.indexOf('@');
    const domain = value.slice(at + 1);
    if (value.includes('..') || RESERVED_EMAIL_DOMAIN.test(domain)) continue;
    const placeholder = PLACEHOLDER_LOCAL.test(value.slice(0, at));
    out.push({
      type: 'EMAIL',
      start: m.index,
      end: m.index + value.length,
      score: placeholder ? 0.6 : 0.95,
      signals: ['email_syntax'],
      priority: 5,
    });
  }
}

function cards(text: string, out: Candidate[]): void {
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

function ibans(text: string, out: Candidate[]): void {
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

function ssnAreaValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return (
    a !== 0 &&
    a !== 666 &&
    a < 900 &&
    group !== '00' &&
    serial !== '0000' &&
    !/^(\d)\1{8}$/.test(area + group + serial) &&
    area + group + serial !== '123456789'
  );
}

function ssns(text: string, out: Candidate[]): void {
  SSN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SSN.exec(text)) !== null) {
    const [, area, s1, group, s2, serial] = m;
    if (!ssnAreaValid(area, group, serial)) continue;
    if (s1 === '.' || s2 === '.' || (s1 !== s2 && s1 !== '' && s2 !== '')) continue;
    if ((s1 === '') !== (s2 === '') && s1 + s2 !== '-') continue;
    const cue = SSN_CUE.test(windowBefore(text, m.index, 40));
    if (s1 === '' && s2 === '' && !cue) continue;
    out.push({
      type: 'US_SSN',
      start: m.index,
      end: m.index + m[0].length,
      score: cue ? 0.95 : 0.85,
      signals: cue ? ['ssn_format', 'ssn_context'] : ['ssn_format'],
      priority: 8,
    });
  }
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Two colons with at most 4 hex digits between them, which every IPv6 candidate contains. */
function hasHexColonPair(text: string): boolean {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i + 1;
    while (j < text.length && j - i <= 4 && isHexCode(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 58) return true;
  }
  return false;
}

function ips(text: string, digits: number, out: Candidate[]): void {
  let m: RegExpExecArray | null;
  if (digits >= 4 && text.includes('.')) {
    IPV4.lastIndex = 0;
    while ((m = IPV4.exec(text)) !== null) {
      const before = text[m.index - 1];
      if (before !== undefined && /[\d]/.test(before)) continue;
      out.push({
        type: 'IP_ADDRESS',
        start: m.index,
        end: m.index + m[0].length,
        score: 0.9,
        signals: ['ipv4'],
        priority: 7,
      });
    }
  }
  if (hasHexColonPair(text)) {
    IPV6.lastIndex = 0;
    while ((m = IPV6.exec(text)) !== null) {
      let value = m[0];
      let prefix = '';
      const slash = value.indexOf('/');
      if (slash >= 0) {
        prefix = value.slice(slash);
        value = value.slice(0, slash);
        if (Number(prefix.slice(1)) > 128) prefix = '';
      }
      if (!value.includes('::') && value.split(':').length < 8 && !/\d+\.\d+/.test(value)) continue;
      if (!/[0-9a-f]/i.test(value) && prefix === '') continue;
      if (isIP(value) !== 6) continue;
      out.push({
        type: 'IP_ADDRESS',
        start: m.index,
        end: m.index + value.length + prefix.length,
        score: 0.9,
        signals: ['ipv6'],
        priority: 7,
      });
    }
  }
}

/** Digit groupings that belong to IDs, IBAN/card fragments or dates rather than phone numbers. */
function implausibleGrouping(value: string): boolean {
  const groups = value
    .replace(/^\+\d{1,3}[ .-]?/, '')
    .replace(/\s?(?:x|ext\.?)\s?\d+$/, '')
    .split(/[ .()-]+/)
    .filter((g) => g.length > 0);
  if (groups.length < 2) return false;
  if (groups.slice(0, -1).some((g) => g.length >= 6)) return true;
  if (groups.filter((g) => g.length >= 5).length > 1) return true;
  if (groups.filter((g) => g.length === 4).length >= 3) return true;
  return false;
}

function phones(text: string, out: Candidate[]): void {
  PHONE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE.exec(text)) !== null) {
    const value = m[0].replace(/[ .-]+$/, '');
    const digits = digitCount(value);
    if (digits < 7 || digits > 15) continue;
    if (
      /^(?:19|20)\d{2} ?[-–] ?(?:19|20)?\d{2}$/.test(value) ||
      /^(?:19|20)\d{2}-\d{2}-\d{2}/.test(value) ||
      /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(value)
    )
      continue;
    const after = text.slice(m.index + value.length, m.index + value.length + 12);
    const cue =
      PHONE_CUE.test(windowBefore(text, m.index, 48)) ||
      /^[\s\\,-]{0,2}(?:office|fax|mobile|cell|desk|home|work)\b/i.test(after);
    const intl = value.startsWith('+');
    const separated = /[ .()-]/.test(value);
    const trunk = !separated && value.startsWith('0') && digits >= 10;
    if (implausibleGrouping(value)) continue;
    if (!intl && !cue && !trunk && (!separated || digits < 10)) continue;
    if (continuesCode(text, m.index)) continue;
    // A phone-shaped number next to a phone cue is reported whatever the validator says, so the
    // validator (about 15 µs per country tried) only runs when its answer decides.
    const shapeAndCue = cue && (separated || digits >= 10);
    let valid = false;
    if (shapeAndCue) {
      // decided without the validator
    } else if (intl) {
      valid = parsePhoneNumberFromString(value)?.isValid() ?? false;
    } else if (digits >= 9) {
      for (const c of PHONE_COUNTRIES) {
        if (parsePhoneNumberFromString(value, c)?.isValid()) {
          valid = true;
          break;
        }
      }
    }
    if (!(valid && (cue || separated || intl || trunk)) && !shapeAndCue) continue;
    const signals = [valid ? 'libphonenumber_valid' : 'phone_shape'];
    if (cue) signals.push('phone_context');
    out.push({
      type: 'PHONE',
      start: m.index,
      end: m.index + value.length,
      score: shapeAndCue ? 0.9 : valid && cue ? 0.95 : 0.85,
      signals,
      priority: 4,
    });
  }
}

function nationalIds(text: string, digits: number, out: Candidate[]): void {
  for (const scheme of NATIONAL_ID_SCHEMES) {
    if (digits < scheme.minDigits) continue;
    scheme.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = scheme.pattern.exec(text)) !== null) {
      if (!scheme.validate(m[0])) continue;
      if (scheme.context !== undefined && !scheme.context.test(windowBefore(text, m.index, 60))) continue;
      out.push({
        type: 'NATIONAL_ID',
        start: m.index,
        end: m.index + m[0].length,
        score: 0.85,
        signals: [scheme.id],
        priority: 6,
      });
    }
  }
}

function dobs(text: string, out: Candidate[]): void {
  DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE.exec(text)) !== null) {
    if (!DOB_CUE.test(windowBefore(text, m.index, 40))) continue;
    out.push({
      type: 'DATE_OF_BIRTH',
      start: m.index,
      end: m.index + m[0].length,
      score: 0.85,
      signals: ['date', 'dob_context'],
      priority: 3,
    });
  }
}

function addresses(text: string, out: Candidate[]): void {
  STREET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STREET.exec(text)) !== null) {
    out.push({
      type: 'STREET_ADDRESS',
      start: m.index,
      end: m.index + m[0].length,
      score: 0.75,
      signals: ['street_suffix'],
      priority: 2,
    });
  }
}

function persons(text: string, out: Candidate[]): void {
  PERSON_CUE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PERSON_CUE.exec(text)) !== null) {
    const name = m[1];
    const first = name.split(' ')[0];
    if (NOT_NAMES.has(first)) continue;
    const start = m.index + m[0].length - name.length;
    out.push({
      type: 'PERSON',
      start,
      end: start + name.length,
      score: 0.7,
      signals: ['name_cue'],
      priority: 1,
    });
  }
}

/** Drops candidates overlapping a higher-priority one (a card number is not also a phone). */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const c of cands) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface PiiOptions {
  /** Restrict to these types; all when omitted. */
  readonly types?: readonly PiiType[];
}

/** PII findings on an already-normalized text, offsets in that text. */
export function detectPii(text: string, options: PiiOptions = {}): Finding[] {
  const cands: Candidate[] = [];
  // Most validated types need several digits; prose with fewer skips their regexes.
  const digits = digitCount(text);
  emails(text, cands);
  ibans(text, cands);
  if (digits >= 13) cards(text, cands);
  if (digits >= 9) ssns(text, cands);
  ips(text, digits, cands);
  nationalIds(text, digits, cands);
  if (digits >= 7) phones(text, cands);
  if (digits >= 4) dobs(text, cands);
  addresses(text, cands);
  persons(text, cands);
  const wanted = options.types === undefined ? undefined : new Set(options.types);
  return resolveOverlaps(cands)
    .filter((c) => wanted === undefined || wanted.has(c.type))
    .map((c) => ({ type: c.type, start: c.start, end: c.end, score: c.score, signals: c.signals }));
}
