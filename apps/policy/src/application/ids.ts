import { createHash, randomFillSync } from 'node:crypto';

export type IdPrefix = 'res' | 'con' | 'evt' | 'dec';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function encode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return out;
}

const ID_BYTES = 24;
// One system call per 256 ids instead of one per id: a decision id is drawn on every decision.
const pool = Buffer.alloc(ID_BYTES * 256);
let poolOffset = pool.length;

function randomChunk(): Buffer {
  if (poolOffset + ID_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return chunk;
}

/** `res_…`, `con_…`, `dec_…`: 24 random base36 characters. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encode(randomChunk(), ID_BYTES)}`;
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
