import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  closeAnalyticsClient,
  createAnalyticsClient,
  embeddedDataPath,
  isEmbedded,
} from './create-analytics-client';

describe('createAnalyticsClient', () => {
  it('Given CLICKHOUSE_URL, When the client is created, Then it is the HTTP client and nothing embedded is touched', async () => {
    const dataDir = join('/nonexistent', 'warden-data');

    const client = createAnalyticsClient({ clickhouseUrl: 'http://127.0.0.1:8123', dataDir });

    expect(isEmbedded(client)).toBe(false);
    expect(existsSync(embeddedDataPath(dataDir))).toBe(false);
    await closeAnalyticsClient(client);
  });

  it('Given a data directory, When the embedded path is derived, Then it is <dataDir>/clickhouse', () => {
    expect(embeddedDataPath('/var/lib/warden')).toBe('/var/lib/warden/clickhouse');
  });
});
