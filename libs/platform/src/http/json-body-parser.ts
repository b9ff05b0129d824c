import { WardenError } from '../errors/warden-error';
import type { AppFastifyInstance } from './fastify-instance';

export class InvalidJsonError extends WardenError {
  constructor(detail: string) {
    super({ code: 'invalid_json', status: 400, title: 'Bad Request', detail });
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * Fastify's own JSON parser (prototype-poisoning checks included) whose failures become typed
 * `invalid_json` errors, so the exception filter can tell bad JSON from any other 400.
 */
export function installJsonBodyParser(fastify: AppFastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    void parse(request, text, (error: Error | null, value?: unknown) => {
      if (error === null) return done(null, value);
      const code = errorCode(error);
      if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
        return done(new InvalidJsonError('The request body is empty but its content type is JSON.'));
      if (code === 'FST_ERR_CTP_INVALID_JSON_BODY')
        return done(new InvalidJsonError('The request body is not valid JSON.'));
      return done(error);
    });
  });
}
