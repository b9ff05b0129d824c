import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/** Renders `error` as problem+json on `reply`; logs unexpected causes with their stack, client errors at debug. */
export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const { problem, headers, unexpected } = toProblem(error);
  const context = {
    requestId: request.id,
    method: request.method,
    url: request.url,
    status: problem.status,
    code: problem.code,
  };
  if (unexpected) logger.error({ ...context, err: error }, 'request failed');
  else logger.debug(context, 'request rejected');
  if (reply.sent) return;
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
