import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The Fastify instance type of the copy @nestjs/platform-fastify pins (which can differ from the root
 * `fastify` package), derived so that the two copies' types never meet.
 */
export type AppFastifyInstance = ReturnType<
  ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance']
>;
