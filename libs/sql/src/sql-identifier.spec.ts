import { InvalidSqlIdentifierError, assertSqlIdentifier } from './sql-identifier';

describe('assertSqlIdentifier', () => {
  it.each(['warden_events', '_x1', 'a'])('given the plain identifier %p, then it is returned', (name) => {
    expect(assertSqlIdentifier(name)).toBe(name);
  });

  it.each(['', 'Upper', '1abc', 'a-b', 'a;drop table x', `a${'b'.repeat(63)}`])(
    'given %p, then it is refused with a typed error',
    (name) => {
      expect(() => assertSqlIdentifier(name)).toThrow(InvalidSqlIdentifierError);
    },
  );
});
