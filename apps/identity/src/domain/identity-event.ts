import type { IdentityEventData } from '@warden/contracts';

/** A domain event as `decide` returns it and `evolve` folds it: type and data, no envelope. */
export type IdentityEvent<K extends keyof IdentityEventData = keyof IdentityEventData> = {
  [T in K]: { readonly type: T; readonly data: IdentityEventData[T] };
}[K];

export function event<K extends keyof IdentityEventData>(
  type: K,
  data: IdentityEventData[K],
): IdentityEvent<K> {
  return { type, data };
}
