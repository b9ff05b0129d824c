import { createHash, randomBytes } from 'node:crypto';

export type IdPrefix = 'res' | 'con' | 'evt' | 'dec';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function encode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

/** `res_…`, `con_…`: 24 random base36 characters. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encode(randomBytes(24), 24)}`;
}

/** The id of a creating call with an Idempotency-Key: the same caller, target and key name the same object. */
export function idForIdempotencyKey(
  prefix: IdPrefix,
  scope: readonly string[],
  idempotencyKey: string,
): string {
  const digest = createHash('sha256')
    .update([...scope, idempotencyKey].join('\u0000'))
    .digest();
  return `${prefix}_${encode(digest, 24)}`;
}
