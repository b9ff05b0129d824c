/**
 * Whether `text` has, for every string of `required`, at least one of its characters (ASCII).
 * `seen` memoizes lookups per character code for one text (0 unknown, 1 present, 2 absent), so
 * several rules asking for the same characters search the text once.
 */
export function hasRequiredChars(text: string, required: readonly string[], seen: Uint8Array): boolean {
  for (const alternatives of required) {
    let found = false;
    for (let i = 0; i < alternatives.length && !found; i++) {
      const c = alternatives.charCodeAt(i);
      if (seen[c] === 0) seen[c] = text.includes(alternatives[i]) ? 1 : 2;
      found = seen[c] === 1;
    }
    if (!found) return false;
  }
  return true;
}
