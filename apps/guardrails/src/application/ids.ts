import { createHash, randomBytes } from 'node:crypto';

export type IdPrefix = 'gpr' | 'scn' | 'evt';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function encode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

/** `gpr_…` (profile), `scn_…` (scan), `evt_…`: 24 random base36 characters. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encode(randomBytes(24), 24)}`;
}

/** The id a creating call with an Idempotency-Key gets, so that a repeated call names the same profile. */
export function idForIdempotencyKey(prefix: 'gpr', scope: readonly string[], idempotencyKey: string): string {
  const digest = createHash('sha256')
    .update([...scope, idempotencyKey].join('\u0000'))
    .digest();
  return `${prefix}_${encode(digest, 24)}`;
}
