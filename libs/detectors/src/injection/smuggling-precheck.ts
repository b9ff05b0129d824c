import { isSpace } from './suffix-signals';

/** Literals of which one is in every match of token_smuggling's tag and template alternatives. */
const MARKUP = ['<script', '</script', '<iframe', '</iframe', '<img', '</img', '{{', '${'];

/** Whether `min` letter-then-space pairs follow each other (`a b c d e f `). */
function hasSpacedLetters(text: string, min: number): boolean {
  let run = 0;
  for (let i = 0; i + 1 < text.length;) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122 && isSpace(text.charCodeAt(i + 1))) {
      if (++run >= min) return true;
      i += 2;
    } else {
      run = 0;
      i++;
    }
  }
  return false;
}

/**
 * A necessary condition for token_smuggling's regex
 * (`(?:\b[a-z]\s){6,}|<\/?(?:script|iframe|img)\b|\{\{…\}\}|\$\{…\}`) on a lowercased text, so
 * that the regex, which has no literal to look for, runs only on texts that might match.
 */
export function mayHaveSmuggledTokens(lower: string): boolean {
  return MARKUP.some((m) => lower.includes(m)) || hasSpacedLetters(lower, 6);
}
