import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { WardenConfig } from '../config/warden-config';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { validationPipe } from '../errors/validation-pipe';
import { PinoNestLogger } from '../logging/nest-logger.adapter';
import { scrubText } from '../logging/redaction';
import { createOpenApiDocument, type OpenApiInfo } from '../openapi/openapi-document';
import { PlatformModule } from '../platform.module';
import { platformRuntime } from '../platform-runtime';
import { installJsonBodyParser } from './json-body-parser';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  readonly bodyLimitBytes?: number;
  /** SIGTERM/SIGINT close the app (readiness off, module destroy hooks). Default true. */
  readonly enableShutdownHooks?: boolean;
  readonly openapi?: OpenApiInfo;
}

@Module({})
class WardenHttpAppModule {}

/**
 * Every Warden HTTP process starts here: Nest on Fastify with the pino logger, the problem+json filter,
 * the validation pipe, /healthz, /readyz, /metrics, /openapi.json, a body limit, X-Warden-Request-Id on
 * every response, and shutdown hooks. Returns the initialised app; the caller listens (listenHttpApp).
 */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  config: WardenConfig,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const runtime = platformRuntime(config);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    requestIdHeader: false,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    { module: WardenHttpAppModule, imports: [PlatformModule.forRoot(config), rootModule] },
    adapter,
    // bodyParser off: installJsonBodyParser is the one JSON parser (Nest's would answer bad JSON with an untyped 400).
    {
      logger: new PinoNestLogger(runtime.logger.child({ context: 'nest' })),
      abortOnError: false,
      bodyParser: false,
    },
  );
  app.useGlobalFilters(new ProblemDetailsFilter(runtime.logger));
  app.useGlobalPipes(validationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodyParser(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    runtime.metrics.observe(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    runtime.logger.info(
      {
        requestId: request.id,
        method: request.method,
        route,
        url: scrubText(request.url),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
    done();
  });

  let document: OpenAPIObject | undefined;
  fastify.get('/openapi.json', async (_request, reply) => {
    document ??= createOpenApiDocument(app, config.serviceName, options.openapi);
    return reply.header('content-type', 'application/json; charset=utf-8').send(document);
  });

  if (options.enableShutdownHooks !== false) app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Listens on all interfaces at `config.port` (0 = any free port) and returns the bound port. */
export async function listenHttpApp(
  app: NestFastifyApplication,
  config: WardenConfig,
  host = '0.0.0.0',
): Promise<number> {
  await app.listen({ port: config.port, host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  platformRuntime(config).logger.info({ port, host }, 'listening');
  return port;
}
