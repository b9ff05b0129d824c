import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ALL_TOPICS } from '@warden/contracts';
import { BUS } from '@warden/bus';
import { EVENT_STORE } from '@warden/eventstore';
import { ReadinessRegistry, WARDEN_CONFIG, WARDEN_LOGGER, type WardenConfig } from '@warden/platform';
import type { Logger } from 'pino';
import { Infrastructure, type InfrastructureNeeds } from './infrastructure';

const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');

const eventStoreProvider = {
  provide: EVENT_STORE,
  inject: [INFRASTRUCTURE],
  useFactory: (infrastructure: Infrastructure) => infrastructure.eventStore,
};

@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.infrastructure.bus.ensureTopics(ALL_TOPICS);
    this.readiness.register('infrastructure', () => this.infrastructure.ping());
    this.infrastructure.startRelay();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.infrastructure.close();
  }
}

/**
 * Global: builds the process's adapters once from WARDEN_CONFIG and provides the ports
 * (EVENT_STORE, BUS) to every service module, in standalone and distributed mode alike.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(needs: InfrastructureNeeds): DynamicModule {
    return {
      module: InfrastructureModule,
      global: true,
      providers: [
        {
          provide: INFRASTRUCTURE,
          inject: [WARDEN_CONFIG, WARDEN_LOGGER],
          useFactory: (config: WardenConfig, logger: Logger) => Infrastructure.open(config, logger, needs),
        },
        { provide: BUS, inject: [INFRASTRUCTURE], useFactory: (i: Infrastructure) => i.bus },
        ...(needs.eventStore ? [eventStoreProvider] : []),
        InfrastructureLifecycle,
      ],
      exports: needs.eventStore ? [BUS, EVENT_STORE] : [BUS],
    };
  }
}
