import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteSqlClient } from '@warden/sql';
import { createEventStore } from './create-event-store';
import { eventStoreContract } from './event-store.contract';

// PGlite boots a WASM PostgreSQL per open: slow on a loaded machine.
jest.setTimeout(120_000);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-eventstore-pglite-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

eventStoreContract('PGlite', () => ({
  concurrentOpen: false,
  open: async () => {
    const sql = await PgliteSqlClient.open(join(dir, 'pg'));
    const store = await createEventStore(sql);
    return {
      store,
      close: async () => {
        await store.close();
        await sql.close();
      },
    };
  },
}));
