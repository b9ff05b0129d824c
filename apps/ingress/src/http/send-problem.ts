import type { FastifyReply } from 'fastify';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** RFC 9457 problem+json for the ingress's non-OpenAI routes. */
export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/problem+json')
    .send({
      type: `https://warden.dev/problems/${code}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
    });
}
