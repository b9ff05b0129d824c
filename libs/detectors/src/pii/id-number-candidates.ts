import { NATIONAL_ID_SCHEMES } from './national-ids';
import { windowBefore, type Candidate } from './pii-candidate';

const SSN = /(?<![\d-])(\d{3})([- .]?)(\d{2})([- .]?)(\d{4})(?![\d-])/g;
const SSN_CUE = /\b(?:ssn|social security|soc\.? ?sec)/i;

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

export function findSsns(text: string, out: Candidate[]): void {
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

export function findNationalIds(text: string, digits: number, out: Candidate[]): void {
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
