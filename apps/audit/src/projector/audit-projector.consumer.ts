import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AnalyticsClient } from '@warden/analytics';
import { BUS, type Bus } from '@warden/bus';
import { ALL_TOPICS } from '@warden/contracts';
import { WARDEN_LOGGER } from '@warden/platform';
import type { Logger } from 'pino';
import { ANALYTICS_CLIENT } from '../analytics/analytics-client.provider';
import { AUDIT_OPTIONS, type AuditOptions } from '../audit-options';
import { AuditProjector } from './audit-projector';
import { startProjectionPipeline, type ProjectionPipeline } from './projection-pipeline';

/** The consumer group over every governance topic, writing each batch to ClickHouse before it is committed. */
@Injectable()
export class AuditProjectorConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pipeline?: ProjectionPipeline;
  private readonly projector: AuditProjector;
  private readonly log: Logger;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(ANALYTICS_CLIENT) client: AnalyticsClient,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
    @Inject(WARDEN_LOGGER) logger: Logger,
  ) {
    this.projector = new AuditProjector(client);
    this.log = logger.child({ component: 'audit-projector' });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(ALL_TOPICS);
    this.pipeline = await startProjectionPipeline(
      this.bus,
      ALL_TOPICS,
      async (messages) => {
        const prepared = await this.projector.prepare(messages);
        return async () => {
          this.log.debug(await prepared.write(), 'audit batch recorded');
        };
      },
      this.options,
    );
  }

  /** Before the bus and the ClickHouse client close (their hooks are onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.pipeline?.close();
  }
}
