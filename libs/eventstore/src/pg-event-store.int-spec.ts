import { PgSqlClient } from '@warden/sql';
import { createTestDatabase, type TestDatabase } from '@warden/testing';
import { createEventStore } from './create-event-store';
import { eventStoreContract } from './event-store.contract';

// PGlite boots a WASM PostgreSQL per open: slow on a loaded machine.
jest.setTimeout(120_000);

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('eventstore_pg');
});

afterAll(async () => {
  await database.drop();
});

eventStoreContract('PostgreSQL (pg)', () => ({
  concurrentOpen: true,
  open: async () => {
    const sql = new PgSqlClient({ connectionString: database.url });
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
