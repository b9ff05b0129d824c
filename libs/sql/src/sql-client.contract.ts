import type { SqlClient } from './sql-client.port';
import { waitFor } from '@warden/testing';
import { migrate } from './migrate';

export interface SqlClientFixture {
  /** A client on a database this suite owns; several calls may share the database. */
  open(): Promise<SqlClient>;
}

/** The behaviour both SQL adapters promise (run against PostgreSQL and PGlite). */
export function sqlClientContract(name: string, fixture: () => SqlClientFixture): void {
  describe(`SqlClient contract: ${name}`, () => {
    let client: SqlClient;

    beforeAll(async () => {
      client = await fixture().open();
    });

    afterAll(async () => {
      await client.close();
    });

    it('returns int8 as numbers, jsonb as values and timestamptz as dates', async () => {
      const { rows } = await client.query<{ n: unknown; j: unknown; t: unknown }>(
        'SELECT $1::int8 AS n, $2::jsonb AS j, now() AS t',
        [9007199254740991, JSON.stringify({ a: [1, 'x'] })],
      );

      expect(rows).toEqual([{ n: 9007199254740991, j: { a: [1, 'x'] }, t: expect.any(Date) }]);
    });

    it('runs several statements without params and returns the last result', async () => {
      const result = await client.query<{ v: number }>(
        'CREATE TABLE multi_statement (v int); INSERT INTO multi_statement VALUES (1), (2); SELECT sum(v)::int AS v FROM multi_statement',
      );

      expect(result.rows).toEqual([{ v: 3 }]);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      await client.query('CREATE TABLE tx_items (id text PRIMARY KEY)');

      await client.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_items VALUES ($1)', ['kept']);
      });
      const failing = client.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_items VALUES ($1)', ['dropped']);
        throw new Error('boom');
      });

      await expect(failing).rejects.toThrow('boom');
      const { rows } = await client.query<{ id: string }>('SELECT id FROM tx_items ORDER BY id');
      expect(rows).toEqual([{ id: 'kept' }]);
    });

    it('keeps every statement of a transaction inside it, whether or not the first one has params', async () => {
      await client.query('CREATE TABLE tx_first (v text)');

      const empty = await client.transaction(async () => 'nothing to do');
      await client.transaction(async (tx) => {
        await tx.query("INSERT INTO tx_first VALUES ('no params')");
        await tx.query('INSERT INTO tx_first VALUES ($1)', ['params']);
      });
      const undone = client.transaction(async (tx) => {
        await tx.query("INSERT INTO tx_first VALUES ('undone 1')");
        await tx.query('INSERT INTO tx_first VALUES ($1)', ['undone 2']);
        throw new Error('abort');
      });

      await expect(undone).rejects.toThrow('abort');
      expect(empty).toBe('nothing to do');
      const { rows } = await client.query<{ v: string }>('SELECT v FROM tx_first ORDER BY v');
      expect(rows).toEqual([{ v: 'no params' }, { v: 'params' }]);
    });

    it('rolls back when the first statement fails and stays usable', async () => {
      const failing = client.transaction(async (tx) => {
        await tx.query('SELECT * FROM no_such_table');
      });
      const failingWithParams = client.transaction(async (tx) => {
        await tx.query('SELECT * FROM no_such_table WHERE id = $1', [1]);
      });

      await expect(failing).rejects.toMatchObject({ code: '42P01' });
      await expect(failingWithParams).rejects.toMatchObject({ code: '42P01' });
      await expect(
        client.transaction((tx) => tx.query<{ ok: number }>('SELECT 1 AS ok')),
      ).resolves.toMatchObject({
        rows: [{ ok: 1 }],
      });
    });

    it('reports affected rows', async () => {
      await client.query('CREATE TABLE counted (v int)');

      const result = await client.query(
        'INSERT INTO counted SELECT g FROM generate_series(1, $1::int) g',
        [4],
      );

      expect(result.rowCount).toBe(4);
    });

    it('never lets another statement see or interleave with an open transaction', async () => {
      await client.query('CREATE TABLE isolation_items (v int)');
      let outsideCount: number | undefined;
      let outside: Promise<void> | undefined;

      await client.transaction(async (tx) => {
        await tx.query('INSERT INTO isolation_items VALUES (1)');
        outside = client
          .query<{ c: number }>('SELECT count(*)::int AS c FROM isolation_items')
          .then((r) => void (outsideCount = r.rows[0]?.c));
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tx.query('INSERT INTO isolation_items VALUES (2)');
      });
      await outside;

      // PostgreSQL: the outside query ran concurrently on another connection and saw 0 rows;
      // PGlite: it waited for the commit and saw both. Never a half-done transaction.
      expect([0, 2]).toContain(outsideCount);
    });

    it('delivers NOTIFY payloads to a listener until it unlistens', async () => {
      const received: string[] = [];
      const unlisten = await client.listen('contract_channel', (payload) => received.push(payload));

      await client.transaction(async (tx) => {
        await tx.query('SELECT pg_notify($1, $2)', ['contract_channel', 'first']);
      });
      await waitFor(() => received.length === 1, {
        timeoutMs: 5_000,
        intervalMs: 10,
        message: 'NOTIFY delivered',
      });
      await unlisten();
      await client.query('SELECT pg_notify($1, $2)', ['contract_channel', 'second']);
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(received).toEqual(['first']);
    });

    it('applies each migration once, in version order, and records it', async () => {
      const migrations = [
        { version: 2, name: 'add column', sql: 'ALTER TABLE mig_items ADD COLUMN label text' },
        {
          version: 1,
          name: 'create',
          sql: 'CREATE TABLE mig_items (id int PRIMARY KEY); INSERT INTO mig_items VALUES (1)',
        },
      ];

      const first = await migrate(client, 'contract', migrations);
      const second = await migrate(client, 'contract', migrations);
      const third = await migrate(client, 'contract', [
        ...migrations,
        { version: 3, name: 'fill', sql: "UPDATE mig_items SET label = 'x'" },
      ]);

      expect([first, second, third]).toEqual([[1, 2], [], [3]]);
      const { rows } = await client.query(
        'SELECT module, version, name FROM warden_schema_migrations WHERE module = $1 ORDER BY version',
        ['contract'],
      );
      expect(rows).toEqual([
        { module: 'contract', version: 1, name: 'create' },
        { module: 'contract', version: 2, name: 'add column' },
        { module: 'contract', version: 3, name: 'fill' },
      ]);
    });

    it('rolls back a failing migration and leaves it pending', async () => {
      const broken = {
        version: 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (id int); SELECT no_such_function()',
      };

      await expect(migrate(client, 'broken_module', [broken])).rejects.toThrow();

      const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('half_done')::text AS t");
      expect(rows).toEqual([{ t: null }]);
      await expect(
        migrate(client, 'broken_module', [{ ...broken, sql: 'CREATE TABLE half_done (id int)' }]),
      ).resolves.toEqual([1]);
    });
  });
}
