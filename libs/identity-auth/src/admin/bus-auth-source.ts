import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BUS, type Bus, type Consumer } from '@warden/bus';
import { WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { AuthProjection } from '../auth-projection';
import { startAuthProjectionFeed } from '../bus-auth-feed';
import type { AuthSource } from './auth-source';

/**
 * The authentication projection of a process other than identity, fed from the identity topic. Every replica
 * needs every identity event, so each process reads the topic in a group of its own, from the beginning.
 */
@Injectable()
export class BusAuthSource implements AuthSource, OnApplicationBootstrap, OnApplicationShutdown {
  readonly auth = new AuthProjection();
  private consumer?: Consumer;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await startAuthProjectionFeed({
      bus: this.bus,
      projection: this.auth,
      groupId: `${this.config.serviceName}.auth.${randomUUID()}`,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
  }

  /** The feed applies events as they arrive; the lag is bounded by the bus, not by a request. */
  catchUp(): Promise<void> {
    return Promise.resolve();
  }
}
