import { ValidationFailedError } from '@warden/platform';
import type { Page } from './responses';

/** Cursor pagination over an ordered list: the cursor is the index of the next item, opaque to clients. */
export function paginate<T>(
  all: readonly T[],
  limit: number | undefined,
  cursor: string | undefined,
): Page<T> {
  const size = limit ?? 100;
  let start = 0;
  if (cursor !== undefined) {
    const decoded = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0)
      throw new ValidationFailedError([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
    start = decoded;
  }
  const items = all.slice(start, start + size);
  const next = start + size;
  return { items, nextCursor: next < all.length ? Buffer.from(String(next)).toString('base64url') : null };
}
