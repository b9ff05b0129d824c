import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, type KeyUsedV1 } from '@warden/contracts';
import { BUS, type Bus, type Consumer } from '@warden/bus';
import { startKeyUsageFlusher, type KeyUsageFlusher } from '@warden/identity-auth';
import { WARDEN_CONFIG, WARDEN_LOGGER, type Logger, type WardenConfig } from '@warden/platform';
import { newId } from '@warden/event-sourcing';
import { IdentityProjections } from './identity-projections';

export const KEY_USAGE_GROUP = 'identity.key-usage';
const FLUSH_INTERVAL_MS = 10_000;

/**
 * Last-used times without a write per request: this process's own authentications are flushed as
 * `warden.identity.key.used.v1` batches, and every process's batches are folded into the read model.
 */
@Injectable()
export class KeyUsageReporting implements OnApplicationBootstrap, OnApplicationShutdown {
  private flusher?: KeyUsageFlusher;
  private consumer?: Consumer;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly projections: IdentityProjections,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    @Inject(WARDEN_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.flusher = startKeyUsageFlusher({
      tracker: this.projections.usage,
      bus: this.bus,
      source: this.config.serviceName,
      intervalMs: FLUSH_INTERVAL_MS,
      newId: () => newId('evt'),
      onError: (error) =>
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'key usage flush failed',
        ),
    });
    this.consumer = await this.bus.consume({
      groupId: KEY_USAGE_GROUP,
      topics: [TOPICS.identity],
      handle: (message) => {
        if (message.event.type === 'warden.identity.key.used.v1') {
          this.projections.readModel.recordUsage(message.event.data as KeyUsedV1);
        }
        return Promise.resolve();
      },
    });
  }

  /** Publishes what was collected so far now, instead of at the next interval. */
  async flush(): Promise<void> {
    await this.flusher?.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flusher?.stop();
    await this.consumer?.close();
  }
}
