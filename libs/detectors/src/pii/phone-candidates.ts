import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { continuesCode, digitCount, windowBefore, type Candidate } from './pii-candidate';

const PHONE =
  /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,12}(?:[ .-]\d{1,8}){0,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w:]|\.\d)/g;
const PHONE_CUE =
  /\b(?:phone|tel(?:ephone)?|mobile|cell|fax|desk|office|call(?:ed)?|number|reach|contact|text me|whats ?app|answering|messages to|registered|dial|cep|sms|ring)\b/i;
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

/** `outranked`: higher-priority candidates that overlap resolution keeps; a phone overlapping one is skipped. */
export function findPhones(text: string, out: Candidate[], outranked: readonly Candidate[] = []): void {
  PHONE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE.exec(text)) !== null) {
    const value = m[0].replace(/[ .-]+$/, '');
    const start = m.index;
    const end = m.index + value.length;
    if (outranked.some((k) => start < k.end && k.start < end)) continue;
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
