/** Token characters: letters, digits, `_-.+/=~` (a table lookup is cheaper than the comparisons). */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of '_-.+/=~0123456789') TOKEN_CHAR[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) TOKEN_CHAR[c] = TOKEN_CHAR[c + 32] = 1;

/** Length of the longest run of token characters (letters, digits, `_-.+/=~`), no allocation. */
export function longestTokenRun(text: string): number {
  let best = 0;
  let runStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || TOKEN_CHAR[c] === 0) {
      if (i - runStart > best) best = i - runStart;
      runStart = i + 1;
    }
  }
  return n - runStart > best ? n - runStart : best;
}
