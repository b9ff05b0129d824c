import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { WARDEN_LOGGER } from '../logging/create-logger';
import { sendProblem } from './send-problem';

/**
 * The one global exception filter: every error thrown in an HTTP handler, guard, pipe or interceptor
 * leaves as application/problem+json (RFC 9457). Errors Fastify raises before Nest runs (body parsing,
 * body size) take the same path through the Fastify error handler installed by createHttpApp.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(WARDEN_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
