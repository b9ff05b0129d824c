import { parseMigration, splitStatements } from './migration-file';

describe('splitStatements', () => {
  it('Given statements ending with ; at line end, When split, Then each is one statement and comments-only chunks vanish', () => {
    const sql = [
      '-- header comment',
      'CREATE TABLE a (x String) ENGINE = MergeTree ORDER BY x;',
      '',
      "ALTER TABLE a ADD COLUMN y String DEFAULT 'a;b';  ",
      '-- trailing comment',
      '',
    ].join('\n');

    expect(splitStatements(sql)).toEqual([
      '-- header comment\nCREATE TABLE a (x String) ENGINE = MergeTree ORDER BY x',
      "ALTER TABLE a ADD COLUMN y String DEFAULT 'a;b'",
    ]);
  });

  it('Given a last statement without ; and CRLF line ends, When split, Then it is kept', () => {
    expect(splitStatements('SELECT 1;\r\nSELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });
});

describe('parseMigration', () => {
  it('Given NNNN_<name>.sql, When parsed, Then version, name, checksum and statements come out', () => {
    const migration = parseMigration('0007_spend_rollup.sql', 'SELECT 1;\n');

    expect(migration).toEqual({
      version: 7,
      name: 'spend_rollup',
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      statements: ['SELECT 1'],
    });
  });

  it('Given the same name with different text, When parsed, Then the checksums differ', () => {
    expect(parseMigration('0001_a.sql', 'SELECT 1;')?.checksum).not.toBe(
      parseMigration('0001_a.sql', 'SELECT 2;')?.checksum,
    );
  });

  it.each(['README.md', '1_short.sql', '0001-dash.sql', '0001_Upper.sql'])(
    'Given %s, When parsed, Then it is not a migration',
    (file) => {
      expect(parseMigration(file, 'SELECT 1;')).toBeUndefined();
    },
  );
});
