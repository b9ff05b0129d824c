import { migrate, type SqlClient } from '@warden/sql';
import { EVENT_STORE_MIGRATIONS, EVENT_STORE_MODULE } from './event-store-migrations';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

/** Applies the event store's migrations, then returns the store on that client. */
export async function createEventStore(
  sql: SqlClient,
  options: SqlEventStoreOptions = {},
): Promise<SqlEventStore> {
  await migrate(sql, EVENT_STORE_MODULE, EVENT_STORE_MIGRATIONS);
  return new SqlEventStore(sql, options);
}
