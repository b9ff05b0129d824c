import { createHash, randomBytes } from 'node:crypto';

export type IdPrefix = 'org' | 'prn' | 'key' | 'evt';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function encode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

/** `org_…`, `prn_…`, `key_…`: 24 random base36 characters (~124 bits). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encode(randomBytes(24), 24)}`;
}

/**
 * The id a creating call with an Idempotency-Key gets: derived from the caller, the target and the key,
 * so a repeated call names the same object and is recognised as a replay instead of creating another.
 */
export function idForIdempotencyKey(
  prefix: Exclude<IdPrefix, 'evt'>,
  scope: readonly string[],
  idempotencyKey: string,
): string {
  const digest = createHash('sha256')
    .update([...scope, idempotencyKey].join('\u0000'))
    .digest();
  return `${prefix}_${encode(digest, 24)}`;
}

export type IdGenerator = (prefix: IdPrefix) => string;
