import { luhnValid, verhoeffValid, weightedMod } from './checksums';

/** A national identifier scheme: candidate pattern, checksum, and whether a context word is required. */
export interface NationalIdScheme {
  readonly id: string;
  readonly pattern: RegExp;
  readonly validate: (value: string) => boolean;
  /** Numbers whose checksum passes by chance too often need a nearby keyword. */
  readonly context?: RegExp;
  /** Digits every match contains: a text with fewer digits in all is skipped without the regex. */
  readonly minDigits: number;
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

function ukNhs(v: string): boolean {
  const d = digitsOf(v);
  if (d.length !== 10) return false;
  const r = 11 - weightedMod(d, [10, 9, 8, 7, 6, 5, 4, 3, 2], 11);
  const check = r === 11 ? 0 : r;
  return check !== 10 && check === Number(d[9]);
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
function esNif(v: string): boolean {
  const m = /^(\d{8})-?([A-Z])$/i.exec(v);
  return m !== null && NIF_LETTERS[Number(m[1]) % 23] === m[2].toUpperCase();
}
function esNie(v: string): boolean {
  const m = /^([XYZ])-?(\d{7})-?([A-Z])$/i.exec(v);
  if (m === null) return false;
  const n = Number(String('XYZ'.indexOf(m[1].toUpperCase())) + m[2]);
  return NIF_LETTERS[n % 23] === m[3].toUpperCase();
}

function plPesel(v: string): boolean {
  if (!/^\d{11}$/.test(v)) return false;
  const month = Number(v.slice(2, 4)) % 20;
  if (month < 1 || month > 12) return false;
  const c = (10 - weightedMod(v, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3], 10)) % 10;
  return c === Number(v[10]);
}

const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
function fiHetu(v: string): boolean {
  const m = /^(\d{6})[-+A-FU-Y](\d{3})([0-9A-Y])$/i.exec(v);
  if (m === null) return false;
  return FI_CHECK[Number(m[1] + m[2]) % 31] === m[3].toUpperCase();
}

function sePersonnummer(v: string): boolean {
  const d = digitsOf(v);
  const ten = d.length === 12 ? d.slice(2) : d;
  if (ten.length !== 10) return false;
  const month = Number(ten.slice(2, 4));
  const day = Number(ten.slice(4, 6)) % 60;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhnValid(ten);
}

function caSin(v: string): boolean {
  const d = digitsOf(v);
  return d.length === 9 && d[0] !== '0' && d[0] !== '8' && luhnValid(d);
}

function inAadhaar(v: string): boolean {
  const d = digitsOf(v);
  return d.length === 12 && /^[2-9]/.test(d) && verhoeffValid(d) && !/^(\d)\1+$/.test(d);
}

const SG_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
function sgNric(v: string): boolean {
  const m = /^([STFGM])(\d{7})([A-Z])$/i.exec(v);
  if (m === null) return false;
  const p = m[1].toUpperCase();
  let sum = weightedMod(m[2], SG_WEIGHTS, 1_000_000);
  if (p === 'T' || p === 'G') sum += 4;
  if (p === 'M') sum += 3;
  const r = sum % 11;
  const st = 'JZIHGFEDCBA';
  const fg = 'XWUTRQPNMLK';
  const mTable = 'XWUTRQPNJLK';
  const table = p === 'S' || p === 'T' ? st : p === 'M' ? mTable : fg;
  return table[r] === m[3].toUpperCase();
}

function trTckn(v: string): boolean {
  if (!/^[1-9]\d{10}$/.test(v)) return false;
  const d = v.split('').map(Number);
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  const c10 = (((odd * 7 - even) % 10) + 10) % 10;
  const c11 = d.slice(0, 10).reduce((a, b) => a + b, 0) % 10;
  return c10 === d[9] && c11 === d[10];
}

function zaId(v: string): boolean {
  if (!/^\d{13}$/.test(v)) return false;
  const month = Number(v.slice(2, 4));
  const day = Number(v.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhnValid(v);
}

function usNpi(v: string): boolean {
  const d = digitsOf(v);
  return d.length === 10 && /^[12]/.test(d) && luhnValid('80840' + d);
}

function usItin(v: string): boolean {
  const m = /^9\d{2}([- ]?)(\d{2})\1\d{4}$/.exec(v);
  if (m === null) return false;
  const g = Number(m[2]);
  return (
    (g >= 50 && g <= 65) || (g >= 70 && g <= 88 && g !== 89) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99)
  );
}

function auTfn(v: string): boolean {
  const d = digitsOf(v);
  if (d.length !== 9) return false;
  return weightedMod(d, [1, 4, 3, 7, 5, 8, 6, 9, 10], 11) === 0;
}

function krRrn(v: string): boolean {
  const d = digitsOf(v);
  if (d.length !== 13) return false;
  const month = Number(d.slice(2, 4));
  const day = Number(d.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31 || !/[1-8]/.test(d[6])) return false;
  const c = (11 - weightedMod(d, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5], 11)) % 10;
  return c === Number(d[12]) || Number(d[6]) >= 5;
}

function ukNino(v: string): boolean {
  const s = v.replace(/\s/g, '').toUpperCase();
  return /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(s);
}

const always = (): boolean => true;

export const NATIONAL_ID_SCHEMES: readonly NationalIdScheme[] = [
  {
    id: 'uk_nhs',
    pattern: /\b\d{3}[- ]?\d{3}[- ]?\d{4}\b/g,
    validate: ukNhs,
    context: /\bnhs\b/i,
    minDigits: 10,
  },
  { id: 'uk_nino', pattern: /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi, validate: ukNino, minDigits: 6 },
  { id: 'es_nif', pattern: /\b\d{8}-?[A-Z]\b/gi, validate: esNif, minDigits: 8 },
  { id: 'es_nie', pattern: /\b[XYZ]-?\d{7}-?[A-Z]\b/gi, validate: esNie, minDigits: 7 },
  { id: 'pl_pesel', pattern: /\b\d{11}\b/g, validate: plPesel, context: /pesel/i, minDigits: 11 },
  { id: 'fi_hetu', pattern: /\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b/gi, validate: fiHetu, minDigits: 9 },
  {
    id: 'se_personnummer',
    pattern: /\b(?:\d{2})?\d{6}[-+]?\d{4}\b/g,
    validate: sePersonnummer,
    minDigits: 10,
    context: /personnummer|personal identity|\bpnr\b/i,
  },
  {
    id: 'ca_sin',
    pattern: /\b\d{3}[- ]?\d{3}[- ]?\d{3}\b/g,
    validate: caSin,
    minDigits: 9,
    context: /\bsin\b|social insurance/i,
  },
  {
    id: 'in_aadhaar',
    pattern: /\b\d{4}[- ]?\d{4}[- ]?\d{4}\b/g,
    validate: inAadhaar,
    minDigits: 12,
    context: /aadh?aar|\buid\b/i,
  },
  { id: 'in_pan', pattern: /\b[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]\b/g, validate: always, minDigits: 4 },
  { id: 'sg_nric', pattern: /\b[STFGM]\d{7}[A-Z]\b/gi, validate: sgNric, minDigits: 7 },
  {
    id: 'tr_tckn',
    pattern: /\b[1-9]\d{10}\b/g,
    validate: trTckn,
    minDigits: 11,
    context: /kimlik|\btc\b|tckn|national id|turkish/i,
  },
  {
    id: 'za_id',
    pattern: /\b\d{13}\b/g,
    validate: zaId,
    context: /\bid\b|identity|south africa/i,
    minDigits: 13,
  },
  {
    id: 'us_npi',
    pattern: /\b\d{4}[- ]?\d{3}[- ]?\d{3}\b/g,
    validate: usNpi,
    context: /\bnpi\b|provider/i,
    minDigits: 10,
  },
  { id: 'us_itin', pattern: /\b9\d{2}[- ]?\d{2}[- ]?\d{4}\b/g, validate: usItin, minDigits: 9 },
  {
    id: 'au_tfn',
    pattern: /\b\d{3} ?\d{3} ?\d{3}\b/g,
    validate: auTfn,
    context: /\btfn\b|tax file/i,
    minDigits: 9,
  },
  {
    id: 'kr_rrn',
    pattern: /\b\d{6}-?\d{7}\b/g,
    validate: krRrn,
    context: /rrn|resident registration|주민/i,
    minDigits: 13,
  },
];
