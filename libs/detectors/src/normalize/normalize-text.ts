import { CONFUSABLES, isInvisibleControl } from './char-tables';
import { identityView, mappedView, type TextView } from './text-view';

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function needsWork(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7e) return true;
  }
  return false;
}

/** NFKC of single code points, memoized: texts repeat the same few hundred characters. */
const NFKC_CACHE = new Map<number, string>();
const NFKC_CACHE_MAX = 8192;
function nfkcOf(cp: number, raw: string): string {
  let r = NFKC_CACHE.get(cp);
  if (r === undefined) {
    r = raw.normalize('NFKC');
    if (NFKC_CACHE.size < NFKC_CACHE_MAX) NFKC_CACHE.set(cp, r);
  }
  return r;
}

/**
 * NFKC per code point, invisible controls dropped, Cyrillic/Greek look-alikes folded to Latin
 * when they sit next to a Latin letter (mixed-script words), with a map back to the original.
 * ASCII runs are copied as slices and the offset maps live in typed arrays, so the cost is one
 * pass with no allocation per character.
 */
export function normalizeText(text: string): TextView {
  if (!needsWork(text)) return identityView(text);
  let starts = new Int32Array(text.length + 16);
  let ends = new Int32Array(text.length + 16);
  let n = 0;
  const parts: string[] = [];
  const ensure = (extra: number): void => {
    if (n + extra <= starts.length) return;
    const size = Math.max(starts.length * 2, n + extra);
    const s2 = new Int32Array(size);
    const e2 = new Int32Array(size);
    s2.set(starts);
    e2.set(ends);
    starts = s2;
    ends = e2;
  };
  let runStart = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (runStart < 0) runStart = i;
      ensure(1);
      starts[n] = i;
      ends[n] = i + 1;
      n++;
      i++;
      continue;
    }
    if (runStart >= 0) {
      parts.push(text.slice(runStart, i));
      runStart = -1;
    }
    const cp = text.codePointAt(i) ?? 0;
    const end = i + (cp > 0xffff ? 2 : 1);
    if (isInvisibleControl(cp)) {
      i = end;
      continue;
    }
    let repl: string | undefined;
    const folded = CONFUSABLES.get(cp);
    if (folded !== undefined) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      const next = end < text.length ? text.charCodeAt(end) : 0;
      if (isAsciiLetter(prev) || isAsciiLetter(next) || cp >= 0x2010) repl = folded;
    }
    if (repl === undefined) {
      repl = nfkcOf(cp, text.slice(i, end));
      const refold = repl.length === 1 ? CONFUSABLES.get(repl.charCodeAt(0)) : undefined;
      if (refold !== undefined && refold.length === 1 && refold.charCodeAt(0) < 0x80 && cp >= 0xff00)
        repl = refold;
    }
    ensure(repl.length);
    for (let k = 0; k < repl.length; k++) {
      starts[n] = i;
      ends[n] = end;
      n++;
    }
    parts.push(repl);
    i = end;
  }
  if (runStart >= 0) parts.push(text.slice(runStart));
  return mappedView(parts.join(''), starts.subarray(0, n), ends.subarray(0, n));
}
