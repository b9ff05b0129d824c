import { isIP } from 'node:net';
import type { Candidate } from './pii-candidate';

const IPV4 =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?(?![\w]|\.\d)/g;
const IPV6 =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:\/\d{1,3})?(?![\w:]|\.\d)/g;

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

export function findIps(text: string, digits: number, out: Candidate[]): void {
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
