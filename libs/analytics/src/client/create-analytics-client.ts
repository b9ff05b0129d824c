import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { drainPending as DrainPending } from 'chdb';
import type { createChdbConnection as CreateChdbConnection } from 'chdb/connection';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type AnalyticsClient = ClickHouseClient;

export interface AnalyticsConfig {
  /** ClickHouse server URL (credentials and database may be in it); unset → embedded chDB. */
  readonly clickhouseUrl?: string;
  /** chDB keeps its data under `<dataDir>/clickhouse`. */
  readonly dataDir: string;
}

/** Settings both adapters share, so the same SQL and inserts behave the same embedded and remote. */
export const ANALYTICS_SETTINGS: ClickHouseSettings = {
  date_time_input_format: 'best_effort',
  // The server's default; chDB's differs. 64-bit integers (count(), sums) come back as strings on both.
  output_format_json_quote_64bit_integers: 1,
};

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

const embedded = new WeakSet<ClickHouseClient>();

export function embeddedDataPath(dataDir: string): string {
  return join(dataDir, 'clickhouse');
}

/**
 * The `@clickhouse/client` for this process: HTTP to CLICKHOUSE_URL when set, otherwise chDB in
 * process through `chdb/connection`. Callers cannot tell the two apart (DESIGN §2).
 * chDB binds one data directory per process: every embedded client in a process must use the same dataDir.
 */
export function createAnalyticsClient(config: AnalyticsConfig): AnalyticsClient {
  if (config.clickhouseUrl !== undefined) {
    return createClient({
      url: config.clickhouseUrl,
      application: 'warden',
      clickhouse_settings: ANALYTICS_SETTINGS,
    });
  }
  const path = embeddedDataPath(config.dataDir);
  mkdirSync(path, { recursive: true });
  // Loaded only in embedded mode, so a process talking to a ClickHouse server never loads libchdb.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as {
    createChdbConnection: typeof CreateChdbConnection;
  };
  // chdb types its connection against @clickhouse/client-common 1.23.0, the client bundles 1.23.1's copy of
  // the same interface; the shapes match at runtime, only a settings key list differs between the two copies.
  const connection = createChdbConnection({ path }) as unknown as ClientConnection;
  const client = createClient({ connection, clickhouse_settings: ANALYTICS_SETTINGS });
  embedded.add(client);
  return client;
}

export function isEmbedded(client: AnalyticsClient): boolean {
  return embedded.has(client);
}

/**
 * Closes the client; for chDB also waits until the engine has really let go of its data directory,
 * so the same process (e.g. the next test file in a jest worker) may open another one.
 */
export async function closeAnalyticsClient(client: AnalyticsClient): Promise<void> {
  await client.close();
  if (!embedded.has(client)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { drainPending } = require('chdb') as { drainPending: typeof DrainPending };
  await drainPending();
}
