import { windowBefore, type Candidate } from './pii-candidate';

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

export function findDatesOfBirth(text: string, out: Candidate[]): void {
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

export function findAddresses(text: string, out: Candidate[]): void {
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

export function findPersons(text: string, out: Candidate[]): void {
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
