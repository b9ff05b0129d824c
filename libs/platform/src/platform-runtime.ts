import type { Logger } from 'pino';
import type { WardenConfig } from './config/warden-config';
import { ReadinessRegistry } from './health/readiness-registry';
import { createLogger } from './logging/create-logger';
import { HttpMetrics } from './metrics/http-metrics';

/** The per-process platform objects PlatformModule provides and createHttpApp wires into Fastify. */
export interface PlatformRuntime {
  readonly config: WardenConfig;
  readonly logger: Logger;
  readonly readiness: ReadinessRegistry;
  readonly metrics: HttpMetrics;
}

const runtimes = new WeakMap<WardenConfig, PlatformRuntime>();

/**
 * One runtime per config object, so PlatformModule.forRoot(config) and createHttpApp(…, config)
 * share the same logger, readiness registry and metrics without any module importing another.
 * To log somewhere other than stdout (tests), call `platformRuntime(config, logger)` first.
 */
export function platformRuntime(config: WardenConfig, logger?: Logger): PlatformRuntime {
  const existing = runtimes.get(config);
  if (existing) {
    if (logger !== undefined && logger !== existing.logger) {
      throw new Error(
        'the platform runtime of this config already exists with another logger; pass the logger on first use',
      );
    }
    return existing;
  }
  const runtime: PlatformRuntime = {
    config,
    logger: logger ?? createLogger(config),
    readiness: new ReadinessRegistry(),
    metrics: new HttpMetrics(config.serviceName),
  };
  runtimes.set(config, runtime);
  return runtime;
}
