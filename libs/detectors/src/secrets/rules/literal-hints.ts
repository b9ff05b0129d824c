/**
 * Literal prefixes of a rule (after lookbehinds and group openers), used as a cheap prefilter.
 * Returns undefined when the pattern does not start with literals of 3+ characters.
 */
export function literalHints(src: string): string[] | undefined {
  const s = src.replace(/^(?:\(\?<![^()]*\))+/, '');
  if (!s.startsWith('(')) {
    const m = /^(?:[A-Za-z0-9_~ :=/-]|\\[.$|/-])+/.exec(s);
    if (m === null) return undefined;
    let lit = m[0].replace(/\\(.)/g, '$1');
    if (/^[?*{]/.test(s.slice(m[0].length))) lit = lit.slice(0, -1);
    return lit.length >= 3 ? [lit.toLowerCase()] : undefined;
  }
  if (s.startsWith('(?=') || s.startsWith('(?!')) return undefined;
  const open = s.startsWith('(?i:') ? 4 : s.startsWith('(?:') ? 3 : 1;
  const alts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = open;
  let close = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) {
        alts.push(s.slice(start, i));
        close = i;
        break;
      }
    } else if (ch === '|' && depth === 1) {
      alts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (close < 0 || /^[?*{]/.test(s.slice(close + 1))) return undefined;
  const hints: string[] = [];
  for (const alt of alts) {
    const h = literalHints(alt);
    if (h === undefined) return undefined;
    hints.push(...h);
  }
  return hints;
}
