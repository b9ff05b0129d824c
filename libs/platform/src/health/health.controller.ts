import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { WARDEN_LOGGER } from '../logging/create-logger';
import { ReadinessRegistry } from './readiness-registry';

/** Liveness and readiness probes (API.md "Operations"). */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(WARDEN_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('healthz')
  @ApiOkResponse({ description: 'The process is alive.' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOkResponse({ description: 'Every readiness check passes.' })
  @ApiServiceUnavailableResponse({ description: 'At least one readiness check fails; the body names which.' })
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.readiness.report();
    const failing = report.checks.filter((c) => !c.ok);
    if (failing.length > 0) this.logger.warn({ failing }, 'not ready');
    await reply.status(report.ready ? 200 : 503).send({
      status: report.ready ? 'ready' : 'not_ready',
      checks: report.checks.map((c) => ({ name: c.name, status: c.ok ? 'up' : 'down' })),
    });
  }
}
