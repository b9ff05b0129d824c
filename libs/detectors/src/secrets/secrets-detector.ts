import type { Finding } from '../core/finding';
import { strongestSpans } from '../core/strongest-spans';
import { anyPresent, LiteralIndex, literalIds } from '../core/literal-index';
import { longestTokenRun } from '../core/token-run';
import {
  looksLikeFormatPlaceholder,
  looksLikeMaskOrTemplate,
  looksLikePlaceholder,
  looksLikeTemplate,
  sequentialShare,
  shannonEntropy,
} from './entropy';
import { SECRET_RULES_WITH_HINTS as SECRET_RULES, type SecretRule } from './secret-rules';
import { hasRequiredChars } from './required-chars';
import { prefixedTokenChecksumValid } from './token-checksums';

const PUBLIC_CONTEXT = /public|\bpub(?:lic)?[_-]?key|publishable|\bpk_|ssh-(?:rsa|ed25519|dss)|ecdsa-sha2/i;
const CODE_REFERENCE =
  /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+(?:\(\))?$|^[a-z]+(?:[A-Z][a-z]+)+$|^[a-z]+(?:_[a-z]+)+$|^[a-z]+(?:-[a-z]+)+$|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^\w+\(.*\)?$/;
/** The identifier's last word must be a credential word for the loose keyword rule (`KeyMeshing` is not). */
const CREDENTIAL_LAST_WORD =
  /^(?:password|passwd|pwd|pass|passphrase|secret|secrets|token|key|apikey|credential|credentials|auth|pat|bearer)$/i;

function lastWord(ident: string): string {
  const words = ident
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((w) => w.length > 0);
  return words[words.length - 1] ?? '';
}
const GENERIC_RULES = new Set([
  'generic_keyword_secret',
  'keyword_quoted_secret',
  'keyword_reverse_compare',
  'natural_language_password',
  'gradle_credential',
  'odbc_password',
  'react_app_secret',
  'vmware_password',
  'powershell_password_arg',
  'keyword_pair_secret',
  'auth_quoted_secret',
  'yaml_keyword_secret',
  'credential_next_line',
  'prose_credential_disclosure',
  'string_init_secret',
]);
/** Rules whose keyword is prose ("the password is …"), not an identifier to vet. */
const PROSE_RULES = new Set([
  'keyword_reverse_compare',
  'natural_language_password',
  'credential_next_line',
  'prose_credential_disclosure',
]);
/** Rules that need the identifier's last word to be a credential word. */
const LAST_WORD_RULES = new Set(['generic_keyword_secret', 'yaml_keyword_secret']);
const URL_PASSWORD_RULES = new Set(['connection_string_url', 'url_credentials', 'curl_user']);
/**
 * A string literal passed where an API takes the password (`DirectoryEntry(path, user, "…")`, a
 * netrc `password` field) is the password even when it is a weak word; only masks, templating and
 * variables are not.
 */
const LITERAL_ARGUMENT_RULES = new Set(['ldap_directory_entry', 'netrc_password']);
/** Bucket names and AWS account ids: reported below the default threshold, as `kind:infrastructure`. */
const INFRASTRUCTURE_RULES = new Set([
  's3_bucket_host',
  's3_bucket_path',
  'gcs_bucket_host',
  'gcs_bucket_path',
  'bucket_uri',
  'aws_s3_arn',
  'aws_account_arn',
  'aws_account_id',
]);

/** AWS documentation account ids (`123456789012`, `111122223333`): few distinct digits or a counting run. */
function documentationAccountId(id: string): boolean {
  return new Set(id).size <= 4 || sequentialShare(id) >= 0.5;
}

function acceptInfrastructure(value: string): boolean {
  if (looksLikeMaskOrTemplate(value)) return false;
  const account = /(?:^|:)(\d{12})(?::|$)/.exec(value);
  return account === null || !documentationAccountId(account[1]);
}

const QUOTED_RULES = new Set([
  'keyword_quoted_secret',
  'keyword_reverse_compare',
  'natural_language_password',
  'keyword_pair_secret',
  'auth_quoted_secret',
  'string_init_secret',
]);
const NON_SECRET_IDENTIFIER =
  /(?:name|id|ids|file|path|url|uri|type|len|length|field|chars?|str|label|hint|policy|regex|pattern|header|param|env|var|ref|arn|dir|size|count|format|mode|version|reset|change|forgot|confirm|edit|update|validation|error|message|input|template|route|expires?|expiry|ttl|endpoint|prefix|column|table|hash|salt|iv|nonce)$|^(?:csrf|xsrf|public|pub|is|has|show|enable|use|min|max|not)(?:[_.-]|$)/i;
const VAGUE_KEY = /(?:^|[^a-z])key$/i;
const STRONG_KEY =
  /(?:api|secret|private|access|auth|signing|encryption|master|client|app|account|deploy|license|service|session|stream|admin|root)[_.-]?key$/i;

/**
 * A value that runs into a mask (`xoxp-5723…-####`) or a truncation / redaction marker
 * (`ops_eyJzaWdu..[Redacted]`) is a redacted example.
 */
const MASKED_TAIL = /^(?:#{2,}|\*{2,}|[xX]{4,}|\.{2,}|…|\.*\s?[[(<]?(?:redacted|truncated|masked)\b)/i;

function valueSpan(rule: SecretRule, m: RegExpExecArray): { start: number; end: number; value: string } {
  const g = rule.group;
  const value = g !== undefined && m[g] !== undefined ? m[g] : m[0];
  const offset = g !== undefined && m[g] !== undefined ? m[0].lastIndexOf(value) : 0;
  return { start: m.index + offset, end: m.index + offset + value.length, value };
}

/** `[\w.-]`: the characters of an identifier around a keyword. */
function isIdentChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45
  );
}

function identifierAt(text: string, index: number): string {
  let a = index;
  while (a > 0 && isIdentChar(text.charCodeAt(a - 1))) a--;
  let b = index;
  while (b < text.length && isIdentChar(text.charCodeAt(b))) b++;
  return text.slice(a, b);
}

/** PHP request/environment superglobals (`$_POST['pwd']`): the value is read at run time. */
const PHP_INPUT = /\$_(?:POST|GET|REQUEST|COOKIE|SERVER|ENV|SESSION|FILES)\b/;
const QUOTE_CHARS = '"\'`';

/** `"value'` is not a string literal: the quote before the value and the one after it differ. */
function mismatchedQuotes(text: string, start: number, end: number): boolean {
  if (start === 0 || end >= text.length) return false;
  const before = text[start - 1];
  const after = text[end];
  return QUOTE_CHARS.includes(before) && QUOTE_CHARS.includes(after) && before !== after;
}

function acceptGeneric(
  ruleId: string,
  value: string,
  text: string,
  matchIndex: number,
  start: number,
  end: number,
): boolean {
  const v = value.replace(/^["'`]|["'`]$/g, '');
  const quoted = QUOTED_RULES.has(ruleId);
  const placeholder =
    ruleId === 'natural_language_password' ? looksLikeMaskOrTemplate(v) : looksLikePlaceholder(v);
  if (v.length < (quoted ? 3 : 6) || placeholder) return false;
  if (/^[$%#{[<@&*.+\\]/.test(v) || /^real[_-]/i.test(v) || !/[A-Za-z0-9]/.test(v) || PHP_INPUT.test(v))
    return false;
  if (mismatchedQuotes(text, start, end)) return false;
  if (/^arn:|:\/\/|^[\w-]*[/.][\w/.-]*#\w+$/.test(v)) return false;
  if (PUBLIC_CONTEXT.test(text.slice(Math.max(0, matchIndex - 30), matchIndex + 20))) return false;
  if (!PROSE_RULES.has(ruleId)) {
    const ident = identifierAt(text, matchIndex).replace(/["'\]]+$/, '');
    if (NON_SECRET_IDENTIFIER.test(ident)) return false;
    if (VAGUE_KEY.test(ident) && !STRONG_KEY.test(ident)) return false;
    if (LAST_WORD_RULES.has(ruleId) && !CREDENTIAL_LAST_WORD.test(lastWord(ident))) return false;
  }
  if (CODE_REFERENCE.test(v) && !quoted) return false;
  if (
    /^(?:https?:)?\/\//.test(v) ||
    /^[\w./-]+\.(?:js|ts|py|json|ya?ml|txt|html|pem|key|crt|p12|keytab|jks)$/.test(v) ||
    v.startsWith('/')
  )
    return false;
  if (/^\d+$/.test(v) && v.length < 10) return false;
  if (LAST_WORD_RULES.has(ruleId) && /^[a-z]+$/.test(v) && v.length < 12) return false;
  return true;
}

const HINTS = new LiteralIndex(SECRET_RULES.flatMap((r) => r.hints ?? []));
const RULE_HINT_IDS = SECRET_RULES.map((r) => literalIds(HINTS, r.hints));
/** Which characters the current text has (see hasRequiredChars); one text at a time. */
const SEEN_CHARS = new Uint8Array(128);

/** Secret findings on a normalized text; span = the secret value itself. */
export function detectSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  const present = HINTS.scan(text.toLowerCase());
  const longestRun = longestTokenRun(text);
  SEEN_CHARS.fill(0);
  for (let ri = 0; ri < SECRET_RULES.length; ri++) {
    const rule = SECRET_RULES[ri];
    if (!anyPresent(present, RULE_HINT_IDS[ri])) continue;
    if (rule.minRun !== undefined && longestRun < rule.minRun) continue;
    if (rule.requiredChars !== undefined && !hasRequiredChars(text, rule.requiredChars, SEEN_CHARS)) continue;
    rule.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.pattern.exec(text)) !== null) {
      if (m[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      const { start, end, value } = valueSpan(rule, m);
      const generic = GENERIC_RULES.has(rule.id);
      if (generic) {
        if (!acceptGeneric(rule.id, value, text, m.index, start, end)) continue;
      } else if (URL_PASSWORD_RULES.has(rule.id)) {
        if (looksLikeTemplate(value)) continue;
      } else if (INFRASTRUCTURE_RULES.has(rule.id)) {
        if (!acceptInfrastructure(value)) continue;
      } else if (LITERAL_ARGUMENT_RULES.has(rule.id)) {
        if (looksLikeMaskOrTemplate(value) || /^[$%]/.test(value)) continue;
      } else if (!rule.id.startsWith('private_key') && looksLikeFormatPlaceholder(value)) {
        continue;
      }
      if (MASKED_TAIL.test(text.slice(end, end + 14))) continue;
      const signals = [`rule:${rule.id}`];
      if (INFRASTRUCTURE_RULES.has(rule.id)) signals.push('kind:infrastructure');
      let score = rule.score;
      const checksum = prefixedTokenChecksumValid(value);
      if (checksum !== undefined) {
        // a matching CRC-32 is proof of an issued token; a wrong one marks a made-up example
        signals.push(checksum ? 'checksum:valid' : 'checksum:invalid');
        score = checksum ? 0.99 : Math.min(score, 0.9);
      }
      if (rule.minEntropy !== undefined) {
        const h = shannonEntropy(value);
        if (h < rule.minEntropy) continue;
        signals.push(`entropy:${h.toFixed(1)}`);
      }
      out.push({ type: 'SECRET', start, end, score, signals });
    }
  }
  return strongestSpans(out, (f) => f.score);
}
