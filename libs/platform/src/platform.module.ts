import {
  Global,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { WARDEN_CONFIG, type WardenConfig } from './config/warden-config';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness-registry';
import { WARDEN_LOGGER } from './logging/create-logger';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { platformRuntime } from './platform-runtime';

const modules = new WeakMap<WardenConfig, DynamicModule>();

/**
 * Global module with the validated config (WARDEN_CONFIG), the pino logger (WARDEN_LOGGER), the
 * ReadinessRegistry and HttpMetrics, plus /healthz, /readyz and /metrics. `forRoot(config)` returns the
 * same module object for the same config, so importing it from several places never duplicates it.
 */
@Global()
@Module({})
export class PlatformModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(WARDEN_LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(config: WardenConfig): DynamicModule {
    const existing = modules.get(config);
    if (existing) return existing;
    const runtime = platformRuntime(config);
    const module: DynamicModule = {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: WARDEN_CONFIG, useValue: config },
        { provide: WARDEN_LOGGER, useValue: runtime.logger },
        { provide: ReadinessRegistry, useValue: runtime.readiness },
        { provide: HttpMetrics, useValue: runtime.metrics },
      ],
      exports: [WARDEN_CONFIG, WARDEN_LOGGER, ReadinessRegistry, HttpMetrics],
    };
    modules.set(config, module);
    return module;
  }

  /** Load balancers stop sending traffic while in-flight requests finish. */
  beforeApplicationShutdown(signal?: string): void {
    this.readiness.markShuttingDown();
    this.logger.info({ signal }, 'shutting down');
  }

  onApplicationShutdown(): void {
    this.logger.flush();
  }
}
