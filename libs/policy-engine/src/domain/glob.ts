/**
 * Operation targets are globs: `*` matches any run of characters (including none and `/`), every other
 * character stands for itself. The same glob compiles to a JavaScript matcher (the engine's pre-filter)
 * and to a Cedar `like` pattern (the source of truth), whose semantics are identical: Cedar's `*` is
 * the only wildcard of `like` and matches any sequence of characters.
 */

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function isValidGlob(glob: string): boolean {
  return glob.length > 0 && glob.length <= 1024 && !hasControlCharacter(glob);
}

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${body}$`);
}

/** Escapes a string for a Cedar string literal (used inside double quotes). */
export function cedarStringLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The glob as the quoted pattern of a Cedar `like`: `*` stays the wildcard; `\` and `"` are escaped. */
export function globToCedarLike(glob: string): string {
  return cedarStringLiteral(glob);
}

export function isExactGlob(glob: string): boolean {
  return !glob.includes('*');
}
