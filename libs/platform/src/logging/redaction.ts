/** What replaces a redacted value in a log line. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are secrets, compared after lower-casing and removing "-" and "_".
 * A key matches when it equals one of these or ends with one ("x-api-key", "refresh_token",
 * "proxy-authorization"); counters such as "inputTokens" do not end with "token" and stay visible.
 */
const SECRET_KEY_SUFFIXES = [
  'authorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'signature',
] as const;

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

/** Warden API keys (`wk_…`), bearer/basic credentials, JWTs and URL userinfo passwords inside any text. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\bwk_[A-Za-z0-9_-]{4,}/g, `wk_${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  [/\b((?:password|passwd|secret|token|api[_-]?key)\s*[=:]\s*)[^\s&,;"']+/gi, `$1${REDACTED}`],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 10;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function sanitizeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: scrubText(error.message) };
  if (error.stack !== undefined) out.stack = scrubText(error.stack);
  for (const [key, value] of Object.entries(error)) {
    out[key] = isSecretKey(key) ? REDACTED : sanitize(value, depth + 1, seen);
  }
  if (error.cause !== undefined) out.cause = sanitize(error.cause, depth + 1, seen);
  return out;
}

/**
 * A copy of `value` that is safe to log: secret-named keys redacted at any depth (down to
 * MAX_DEPTH), secret-looking substrings scrubbed from every string, errors turned into plain objects.
 * Only plain objects, arrays and errors are walked; other instances are left to pino's serializers.
 */
export function sanitize(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) return sanitizeError(value, depth, seen);
    if (Array.isArray(value)) return value.map((item) => sanitize(item, depth + 1, seen));
    if (value instanceof Map) {
      return Object.fromEntries(
        [...value].map(([k, v]) => [
          String(k),
          isSecretKey(String(k)) ? REDACTED : sanitize(v, depth + 1, seen),
        ]),
      );
    }
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : sanitize(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
