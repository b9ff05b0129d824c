import { ADVISORY_LOCK, advisoryLockKey } from './advisory-locks';

describe('advisory lock keys', () => {
  it('given the registry, then every key is distinct and fits a PostgreSQL bigint', () => {
    const keys = Object.values(ADVISORY_LOCK).map((key) => BigInt(advisoryLockKey(key)));

    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => key > 0n && key <= 2n ** 63n - 1n)).toBe(true);
  });
});
