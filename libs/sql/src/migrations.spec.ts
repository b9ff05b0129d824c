import { InvalidMigrationsError, pendingMigrations } from './migrations';

const m = (version: number) => ({ version, name: `v${version}`, sql: 'SELECT 1' });

describe('pendingMigrations', () => {
  it('given some applied versions, when planning, then returns the rest in ascending order', () => {
    expect(pendingMigrations('mod', [m(3), m(1), m(2), m(4)], new Set([1, 3])).map((x) => x.version)).toEqual(
      [2, 4],
    );
  });

  it('given everything applied, when planning, then nothing is pending', () => {
    expect(pendingMigrations('mod', [m(1), m(2)], new Set([1, 2]))).toEqual([]);
  });

  it.each([
    ['a duplicated version', [m(1), m(1)]],
    ['a zero version', [m(0)]],
    ['a fractional version', [m(1.5)]],
  ])('given %s, when planning, then it refuses with a typed error', (_label, migrations) => {
    expect(() => pendingMigrations('mod', migrations, new Set())).toThrow(InvalidMigrationsError);
  });

  it('given an empty module name, when planning, then it refuses', () => {
    expect(() => pendingMigrations(' ', [m(1)], new Set())).toThrow(
      expect.objectContaining({ code: 'sql.invalid_migrations' }),
    );
  });
});
