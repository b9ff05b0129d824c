import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const KEY_SECRET_PREFIX = 'wk_';
/** 32 random bytes = 256 bits, base64url: 43 characters after `wk_`. */
const SECRET_BYTES = 32;
const SECRET_PATTERN = /^wk_[A-Za-z0-9_-]{43}$/;
const DISPLAY_PREFIX_LENGTH = KEY_SECRET_PREFIX.length + 8;

export interface GeneratedKeySecret {
  /** Shown once to the caller, never stored or logged. */
  readonly secret: string;
  readonly prefix: string;
  readonly secretHash: string;
}

export function generateKeySecret(random: (size: number) => Buffer = randomBytes): GeneratedKeySecret {
  const secret = KEY_SECRET_PREFIX + random(SECRET_BYTES).toString('base64url');
  return { secret, prefix: keyDisplayPrefix(secret), secretHash: hashKeySecret(secret) };
}

export function looksLikeKeySecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

export function keyDisplayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

/**
 * SHA-256 is enough for a 256-bit random secret: no dictionary to attack, so a slow hash would only
 * cost latency on the hot path. Lower-case hex.
 */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
