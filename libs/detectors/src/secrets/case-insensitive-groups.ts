/**
 * Node 20 lacks regex modifiers, so `(?i:…)` groups are rewritten to `(?:…)` with each letter
 * as a two-case class. Escapes and character classes inside the group are kept as they are.
 */
export function expandCaseInsensitiveGroups(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    if (src.startsWith('(?i:', i) && (i === 0 || src[i - 1] !== '\\')) {
      out += '(?:';
      i += 4;
      let depth = 1;
      let inClass = false;
      while (i < src.length && depth > 0) {
        const ch = src[i];
        if (ch === '\\') {
          out += src.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (inClass) {
          if (ch === ']') inClass = false;
          out += ch;
        } else if (ch === '[') {
          inClass = true;
          out += ch;
        } else if (ch === '(') {
          depth++;
          out += ch;
        } else if (ch === ')') {
          depth--;
          out += ch;
        } else if (/[a-z]/i.test(ch)) {
          out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
        } else {
          out += ch;
        }
        i++;
      }
      continue;
    }
    out += src[i];
    i++;
  }
  return out;
}
