import { longestTokenRun } from '../core/token-run';

/** An encoded run in the text and its decoded content, when the decoding is readable text. */
export interface DecodedPayload {
  readonly start: number;
  readonly end: number;
  readonly encoding: 'base64' | 'hex' | 'url' | 'morse';
  readonly decoded: string;
}

const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/_=-])/g;
const HEX_RUN = /(?<![0-9A-Za-z])(?:0x)?((?:[0-9a-fA-F]{2}){8,})(?![0-9A-Za-z])/g;
const HEX_ESCAPES = /(?:\\x[0-9a-fA-F]{2}){4,}/g;
const HEX_SPACED = /(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2} ){7,}[0-9a-fA-F]{2}(?![0-9A-Za-z])/g;
const URL_ENCODED = /[^\s"'<>%]*%[0-9A-Fa-f]{2}[^\s"'<>%]*(?:%[0-9A-Fa-f]{2}[^\s"'<>%]*)+/g;
/** Nine or more Morse letters (dots and dashes) separated by spaces or `/`. */
const MORSE_RUN = /(?<![\w.-])(?:[.-]{1,7}(?: {1,3}| ?\/ ?))+[.-]{1,7}(?![\w.-])/g;
const MORSE_MIN_LETTERS = 9;
const MORSE: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'a.- b-... c-.-. d-.. e. f..-. g--. h.... i.. j.--- k-.- l.-.. m-- n-. o--- p.--. q--.- r.-. s... t- ' +
    'u..- v...- w.-- x-..- y-.-- z--.. 0----- 1.---- 2..--- 3...-- 4....- 5..... 6-.... 7--... 8---.. ' +
    '9----. ..-.-.- ,--..-- ?..--.. \'.----. !-.-.-- :---... "".-..-. =-...-'
  )
    .split(' ')
    .map((pair) => [pair.slice(1), pair[0]]),
);
const MAX_PAYLOADS = 32;

/** Readable = mostly printable, with letters and some word structure. */
export function isReadable(s: string): boolean {
  if (s.length < 4) return false;
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd) return false;
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || c >= 0xa0) printable++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0) letters++;
    if (c === 32) spaces++;
  }
  return printable / s.length >= 0.95 && letters / s.length >= 0.5 && (spaces > 0 || s.length < 24);
}

const HEX_DIGIT = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX_DIGIT[c.charCodeAt(0)] = 1;

function isHexCode(c: number): boolean {
  return c < 128 && HEX_DIGIT[c] === 1;
}

/** Whether `min` hex digits follow each other somewhere (plain hex payloads need 16). */
function hasHexRun(text: string, min: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isHexCode(text.charCodeAt(i))) run = 0;
    else if (++run >= min) return true;
  }
  return false;
}

/** Whether 7 `hh ` groups follow each other somewhere: what HEX_SPACED needs, in one cheap pass. */
function hasSpacedHexGroups(text: string): boolean {
  let groups = 0;
  let i = 0;
  while (i + 2 < text.length) {
    if (isHexCode(text.charCodeAt(i)) && isHexCode(text.charCodeAt(i + 1)) && text.charCodeAt(i + 2) === 32) {
      if (++groups >= 7) return true;
      i += 3;
    } else {
      groups = 0;
      i++;
    }
  }
  return false;
}

function decodeBase64(run: string): string | undefined {
  const std = run.replace(/-/g, '+').replace(/_/g, '/');
  if (std.replace(/=+$/, '').length % 4 === 1) return undefined;
  // Pure-letter or pure-digit runs are words/identifiers, not payloads.
  if (/^[a-z]+$/i.test(run) || /^[0-9]+$/.test(run)) return undefined;
  const decoded = Buffer.from(std, 'base64').toString('utf8');
  return isReadable(decoded) ? decoded : undefined;
}

function decodeHex(hex: string): string | undefined {
  const decoded = Buffer.from(hex, 'hex').toString('utf8');
  return isReadable(decoded) ? decoded : undefined;
}

/** Letters are separated by one space, words by `/` or two or more spaces. */
function decodeMorse(run: string): string | undefined {
  const words = run.trim().split(/ *\/ *| {2,}/);
  let letters = 0;
  const decoded = words
    .map((w) =>
      w
        .split(' ')
        .filter((code) => code.length > 0)
        .map((code) => {
          letters++;
          return MORSE[code] ?? '?';
        })
        .join(''),
    )
    .join(' ');
  return letters >= MORSE_MIN_LETTERS && isReadable(decoded) ? decoded : undefined;
}

export function findEncodedPayloads(text: string): DecodedPayload[] {
  const out: DecodedPayload[] = [];
  let m: RegExpExecArray | null;
  // base64 and plain hex runs are 16+ token characters; prose usually has no such run at all
  const longRun = longestTokenRun(text) >= 16;
  BASE64_RUN.lastIndex = 0;
  while (longRun && (m = BASE64_RUN.exec(text)) !== null && out.length < MAX_PAYLOADS) {
    const decoded = decodeBase64(m[0]);
    if (decoded !== undefined)
      out.push({ start: m.index, end: m.index + m[0].length, encoding: 'base64', decoded });
  }
  const hexRun = longRun && hasHexRun(text, 16);
  HEX_RUN.lastIndex = 0;
  while (hexRun && (m = HEX_RUN.exec(text)) !== null && out.length < MAX_PAYLOADS) {
    const decoded = decodeHex(m[1]);
    if (decoded !== undefined)
      out.push({ start: m.index, end: m.index + m[0].length, encoding: 'hex', decoded });
  }
  if (text.includes('\\x')) {
    HEX_ESCAPES.lastIndex = 0;
    while ((m = HEX_ESCAPES.exec(text)) !== null && out.length < MAX_PAYLOADS) {
      const decoded = decodeHex(m[0].replace(/\\x/g, ''));
      if (decoded !== undefined)
        out.push({ start: m.index, end: m.index + m[0].length, encoding: 'hex', decoded });
    }
  }
  const spacedHex = hasSpacedHexGroups(text);
  HEX_SPACED.lastIndex = 0;
  while (spacedHex && (m = HEX_SPACED.exec(text)) !== null && out.length < MAX_PAYLOADS) {
    const decoded = decodeHex(m[0].replace(/ /g, ''));
    if (decoded !== undefined)
      out.push({ start: m.index, end: m.index + m[0].length, encoding: 'hex', decoded });
  }
  if (text.includes('.-') || text.includes('-.')) {
    MORSE_RUN.lastIndex = 0;
    while ((m = MORSE_RUN.exec(text)) !== null && out.length < MAX_PAYLOADS) {
      const decoded = decodeMorse(m[0]);
      if (decoded !== undefined)
        out.push({ start: m.index, end: m.index + m[0].length, encoding: 'morse', decoded });
    }
  }
  if (text.includes('%')) {
    URL_ENCODED.lastIndex = 0;
    while ((m = URL_ENCODED.exec(text)) !== null && out.length < MAX_PAYLOADS) {
      try {
        const decoded = decodeURIComponent(m[0].replace(/\+/g, ' '));
        if (decoded !== m[0])
          out.push({ start: m.index, end: m.index + m[0].length, encoding: 'url', decoded });
      } catch {
        // malformed escapes: not a payload
      }
    }
  }
  return out;
}
