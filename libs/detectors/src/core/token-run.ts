/** Length of the longest run of token characters (letters, digits, `_-.+/=~`), no allocation. */
export function longestTokenRun(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const tokenChar =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 95 ||
      c === 45 ||
      c === 46 ||
      c === 43 ||
      c === 47 ||
      c === 61 ||
      c === 126;
    if (tokenChar) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}
