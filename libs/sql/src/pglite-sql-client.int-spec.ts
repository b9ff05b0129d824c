import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlClient } from './create-sql-client';
import { PgliteSqlClient } from './pglite-sql-client';
import { sqlClientContract } from './sql-client.contract';

// PGlite boots a WASM PostgreSQL per open: slow on a loaded machine.
jest.setTimeout(120_000);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-sql-pglite-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

sqlClientContract('PGlite', () => ({
  open: () => PgliteSqlClient.open(join(dir, 'contract')),
}));

describe('PgliteSqlClient', () => {
  it('is what createSqlClient builds without a database URL, and keeps its data in <dataDir>/pg', async () => {
    const first = await createSqlClient({ dataDir: join(dir, 'app') });
    expect(first).toBeInstanceOf(PgliteSqlClient);
    await first.query('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    await first.close();

    const reopened = await PgliteSqlClient.open(join(dir, 'app', 'pg'));
    try {
      const { rows } = await reopened.query<{ v: string }>('SELECT v FROM kept');
      expect(rows).toEqual([{ v: 'still here' }]);
    } finally {
      await reopened.close();
    }
  });

  it('runs concurrent transactions one after the other', async () => {
    const client = await PgliteSqlClient.open();
    try {
      await client.query('CREATE TABLE serial_log (seq serial, tx int, step int)');
      await Promise.all(
        [1, 2, 3].map((txNo) =>
          client.transaction(async (tx) => {
            for (let step = 1; step <= 3; step++) {
              await tx.query('INSERT INTO serial_log (tx, step) VALUES ($1, $2)', [txNo, step]);
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          }),
        ),
      );

      const { rows } = await client.query<{ tx: number }>('SELECT tx FROM serial_log ORDER BY seq');
      const txs = rows.map((row) => row.tx);
      expect(txs).toEqual([...txs].sort());
    } finally {
      await client.close();
    }
  });
});
