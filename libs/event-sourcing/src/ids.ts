import { createHash, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const LENGTH = 24;

function encode(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

// One system call per 256 ids instead of one per id: the decision API draws an id on every decision.
const pool = Buffer.alloc(LENGTH * 256);
let poolOffset = pool.length;

function randomChunk(): Buffer {
  if (poolOffset + LENGTH > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + LENGTH);
  poolOffset += LENGTH;
  return chunk;
}

/** `<prefix>_` + 24 random base36 characters (~124 bits): `org_…`, `prn_…`, `con_…`, `evt_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${encode(randomChunk())}`;
}

/**
 * The id a creating call with an Idempotency-Key gets: derived from the caller, the target and the key, so a
 * repeated call names the same object and is recognised as a replay instead of creating another.
 */
export function idForIdempotencyKey(
  prefix: string,
  scope: readonly string[],
  idempotencyKey: string,
): string {
  const digest = createHash('sha256')
    .update([...scope, idempotencyKey].join('\u0000'))
    .digest();
  return `${prefix}_${encode(digest)}`;
}
