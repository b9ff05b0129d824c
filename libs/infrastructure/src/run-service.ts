import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { bootConfigOrExit, createHttpApp, listenHttpApp, platformRuntime } from '@warden/platform';
import type { InfrastructureNeeds } from './infrastructure';
import { InfrastructureModule } from './infrastructure.module';

export interface ServiceDefinition {
  readonly serviceName: string;
  /** The service's Nest modules: one in distributed mode, all of them in standalone mode. */
  readonly modules: ReadonlyArray<Type<unknown> | DynamicModule>;
  readonly needs: InfrastructureNeeds;
}

@Module({})
class ServiceRootModule {}

/**
 * The body of every main.ts: config validated at boot (a bad value exits naming the variable),
 * the adapters chosen by config, the service modules mounted, HTTP listening.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const config = bootConfigOrExit({ serviceName: definition.serviceName });
  const { logger } = platformRuntime(config);
  try {
    const app = await createHttpApp(
      {
        module: ServiceRootModule,
        imports: [InfrastructureModule.forRoot(definition.needs), ...definition.modules],
      },
      config,
    );
    await listenHttpApp(app, config);
  } catch (error) {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'failed to start');
    logger.flush();
    process.exit(1);
  }
}
