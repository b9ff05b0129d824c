import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AnalyticsClient } from '@warden/analytics';
import { BUS, type Bus, type Consumer, type DeliveredMessage } from '@warden/bus';
import { ALL_TOPICS } from '@warden/contracts';
import { WARDEN_LOGGER } from '@warden/platform';
import type { Logger } from 'pino';
import { ANALYTICS_CLIENT } from '../analytics/analytics-client.provider';
import { AUDIT_OPTIONS, type AuditOptions } from '../audit-options';
import { AuditProjector } from './audit-projector';
import { FlushBatcher } from './flush-batcher';

/**
 * The consumer group over every governance topic. Each delivered message joins a batch; its handler resolves
 * when that batch is in ClickHouse, so the bus commits a position only after the row is durable.
 */
@Injectable()
export class AuditProjectorConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: Consumer;
  private readonly batcher: FlushBatcher<DeliveredMessage>;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(ANALYTICS_CLIENT) client: AnalyticsClient,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
    @Inject(WARDEN_LOGGER) logger: Logger,
  ) {
    const projector = new AuditProjector(client);
    const log = logger.child({ component: 'audit-projector' });
    this.batcher = new FlushBatcher(
      async (messages) => {
        const result = await projector.project(messages);
        log.debug(result, 'audit batch recorded');
      },
      options.maxBatchRows,
      options.maxBatchDelayMs,
      options.batchIdleMs,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics(ALL_TOPICS);
    this.consumer = await this.bus.consume({
      groupId: this.options.groupId,
      topics: ALL_TOPICS,
      // The batcher orders rows at call time and resolves each when its batch is durable, so a whole batch can
      // be in flight while positions are still committed in order.
      maxInFlight: this.options.maxBatchRows,
      handle: (message) => this.batcher.add(message),
    });
  }

  /** Before the bus and the ClickHouse client close (their hooks are onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
    await this.batcher.drain();
  }
}
