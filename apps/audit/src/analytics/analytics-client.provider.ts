import {
  Inject,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import {
  closeAnalyticsClient,
  createAnalyticsClient,
  runMigrations,
  type AnalyticsClient,
} from '@warden/analytics';
import { ReadinessRegistry, WARDEN_CONFIG, WARDEN_LOGGER, type WardenConfig } from '@warden/platform';
import type { Logger } from 'pino';
import { AUDIT_OPTIONS, type AuditOptions } from '../audit-options';
import { applyRetention } from './apply-retention';

export const ANALYTICS_CLIENT = Symbol('ANALYTICS_CLIENT');

/** The ClickHouse client of this process (chDB when CLICKHOUSE_URL is unset), migrated before use. */
export const analyticsClientProvider: Provider = {
  provide: ANALYTICS_CLIENT,
  inject: [WARDEN_CONFIG, WARDEN_LOGGER, AUDIT_OPTIONS],
  useFactory: async (
    config: WardenConfig,
    logger: Logger,
    options: AuditOptions,
  ): Promise<AnalyticsClient> => {
    const client = createAnalyticsClient({ clickhouseUrl: config.clickhouseUrl, dataDir: config.dataDir });
    try {
      await runMigrations(client, { logger: logger.child({ component: 'clickhouse-migrations' }) });
      if (options.retentionDays !== undefined) await applyRetention(client, options.retentionDays);
      return client;
    } catch (error) {
      await closeAnalyticsClient(client);
      throw error;
    }
  },
};

@Injectable()
export class AnalyticsClientLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(ANALYTICS_CLIENT) private readonly client: AnalyticsClient,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('clickhouse', async () => {
      const result = await this.client.query({ query: 'SELECT 1', format: 'JSONEachRow' });
      await result.json();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await closeAnalyticsClient(this.client);
  }
}
