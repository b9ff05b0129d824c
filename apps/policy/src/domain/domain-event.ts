import type { PolicyEventData } from '@warden/contracts';

/** An event as decide returns it and evolve reads it: type and data; the envelope is added when appended. */
export type DomainEvent<T extends keyof PolicyEventData = keyof PolicyEventData> = {
  [K in T]: { readonly type: K; readonly data: PolicyEventData[K] };
}[T];
