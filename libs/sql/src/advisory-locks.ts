/**
 * Every advisory lock key Warden takes, in one place so two features never share a key by accident.
 * Keys are bigint-sized numbers passed as text and cast (`$1::bigint`) so both adapters bind them the same way.
 * 0x5744 = "WD".
 */
export const ADVISORY_LOCK = {
  schemaMigrations: '0x5744000000000001',
  eventStoreAppend: '0x5744000000000002',
} as const;

/** SQL literal of a lock key: hexadecimal keys become bigint constants. */
export function advisoryLockKey(key: string): string {
  return BigInt(key).toString();
}
