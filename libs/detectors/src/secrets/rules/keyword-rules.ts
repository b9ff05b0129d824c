import { r, type SecretRule } from './secret-rule';

/** Keyword prefix: a credential word, then an assignment, then an optional quote. */
const KW = (words: string): string =>
  `(?<![A-Za-z])(?:${words})(?![a-z])[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|[ \\t](?=["'\`]))[ \\t]*["'\`]?`;

/** Keyword rules for layouts: next-line values, argument pairs, YAML, prose. */
export const KEYWORD_LAYOUT_RULES: readonly SecretRule[] = [
  // a credential announced on one line and printed alone on the next (installer output, CLI banners)
  r(
    'credential_next_line',
    `(?<![A-Za-z])(?i:password|passphrase|token|secret|api[ _-]?key)\\b[^\\n]{0,80}:[ \\t]*\\r?\\n(?:[ \\t]*\\r?\\n)?[ \\t]*([A-Za-z0-9+/=_-]{20,128})[ \\t]*(?=\\r?\\n|$)`,
    0.8,
    1,
    3.3,
  ),
  // ("API_KEY", "value") argument pairs: setters, headers, buildConfigField, dict items
  r(
    'keyword_pair_secret',
    `(?<![\\w.-])["']?([\\w.-]*(?i:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|login)[\\w.-]{0,16})["'][ \\t]*,[ \\t]*["']{1,2}([A-Za-z0-9+/_=.-]{16,200})(?:["']|(?![A-Za-z0-9+/_=.-]))`,
    0.75,
    2,
    3.3,
  ),
  r(
    'auth_quoted_secret',
    `(?<![\\w.-])([\\w.-]*(?i:auth))["'\\]]*[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*(["'])([A-Za-z0-9+/=_.-]{16,200})\\2`,
    0.75,
    3,
    3.5,
  ),
  // YAML / .env style `secret: value` with the value alone up to the end of the line (or a flow-mapping `,`)
  r(
    'yaml_keyword_secret',
    `(?<![A-Za-z])(?:(?i:password|passwd|pass|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|credentials?|session[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key))(?![a-z])[\\w.-]{0,20}[ \\t]*:[ \\t]+([^\\s"'\`;,]{8,200})(?=,?[ \\t]*(?:#[^\\n]*)?(?:\\r?\\n|$))`,
    0.7,
    1,
    3.0,
  ),
  // a model or a person handing over a credential in prose: "Here is your API key: 8f14e45f…"
  r(
    'prose_credential_disclosure',
    `(?<![A-Za-z])(?i:api[ _-]?key|access[ _-]?(?:key|token)|secret[ _-]?key|auth(?:entication|orization)?[ _-]?token|bearer[ _-]?token|refresh[ _-]?token|client[ _-]?secret|password|passphrase|token|secret)(?![A-Za-z])[^\\n]{0,30}?(?:\\b(?i:is)\\b[ \\t]*:?|:)[ \\t]*["'\`]?((?=[\\w+/=.~-]*\\d)(?=[\\w+/=.~-]*[A-Za-z])[\\w+/=.~-]{15,199}[\\w+/=~-])(?![\\w+/=~-])`,
    0.8,
    1,
    3.5,
  ),
];

/** Keyword rules for code: initializers, quoted assignments and comparisons, the generic assignment. */
export const KEYWORD_ASSIGNMENT_RULES: readonly SecretRule[] = [
  // C++/Java/Qt direct initialization of a credential-named string: `std::string secret("…")`
  r(
    'string_init_secret',
    `(?<![\\w:])(?:std::)?(?:w?string|String|QString|CString)[ \\t]+\\w*?(?i:password|passwd|secret|token|api_?key|private_?key)[ \\t]*[({][ \\t]*"([^"\\n]{4,200})"[ \\t]*[)}]`,
    0.75,
    1,
  ),
  r(
    'natural_language_password',
    `(?<![A-Za-z])(?i:password|passcode|passphrase|secret)\\b[^.\\n]{0,40}?\\bis\\s*:?\\s*(["'])([^"'\\n]{3,64})\\1`,
    0.75,
    2,
  ),
  r(
    'keyword_quoted_secret',
    `(?<![\\w.-])([\\w.-]*(?i:password|passwd|pwd|pass|secrete?|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)[\\w]{0,16})["'\\]]*[ \\t]*(?:[:?]{0,3}=>?|:|!==?|===?)[ \\t]*@?(["'\`])((?:(?!\\2)[^\\n]){4,200})\\2`,
    0.75,
    3,
  ),
  r(
    'keyword_reverse_compare',
    `(["'])([^"'\\n]{6,200})\\1\\s*[!=]==?\\s*[\\w.]*(?i:password|passwd|secret|api_?key|private_key|token)`,
    0.75,
    2,
  ),
  r(
    'generic_keyword_secret',
    KW(
      '(?i:password|passwd|pwd|pass|pat|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|credentials?|bearer|session[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|key)',
    ) + `([^\\s"'\`;,]{6,200})`,
    0.7,
    1,
    2.8,
  ),
];
