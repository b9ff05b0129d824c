import { expandCaseInsensitiveGroups } from '../case-insensitive-groups';
import { literalHints } from './literal-hints';

/** A provider/format rule: `group` (when set) is the capture holding the secret value. */
export interface SecretRule {
  readonly id: string;
  readonly pattern: RegExp;
  readonly group?: number;
  /** Minimum entropy of the value (bits/char) when the format alone is weak. */
  readonly minEntropy?: number;
  readonly score: number;
  /** Lowercase literals of which at least one must occur in the text for the rule to run. */
  readonly hints?: readonly string[];
  /** The rule runs only when the text has a run of token characters (`[\w.+/=~-]`) this long. */
  readonly minRun?: number;
  /** The rule runs only when the text has one character of each of these strings. */
  readonly requiredChars?: readonly string[];
}

/** Left boundary: the token does not continue an identifier, path or domain. */
export const B = '(?<![A-Za-z0-9_.-])';
/** Right boundary: the token is not followed by more token characters. */
export const E = '(?![A-Za-z0-9_-])';
/** Builds a rule: `src` may use `(?i:…)` groups, compiled with the `g` flag and given its literal hints. */
export const r = (
  id: string,
  src: string,
  score = 0.95,
  group?: number,
  minEntropy?: number,
): SecretRule => ({
  id,
  pattern: new RegExp(expandCaseInsensitiveGroups(src), 'g'),
  group,
  score,
  minEntropy,
  hints: literalHints(src),
});
