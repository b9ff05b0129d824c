import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DENIAL_STATUS, deny } from '../pipeline/denial';
import type { IngressPipeline } from '../pipeline/ingress-pipeline';
import { DECISION_ID_HEADER } from '../openai/openai-error';
import { clientGone, ingressHeaders } from '../openai/request-headers';
import { sendProblem } from '../http/send-problem';
import { forwardedRequestHeaders, isTextual, proxyExchange, type ProxiedResponse } from './proxy-exchange';

export interface ProxyOptions {
  readonly maxBodyBytes: number;
  readonly maxResponseBytes: number;
}

/** Where a proxied path lands under the resource's base URL; undefined when it would leave it (`..`, another origin). */
export function proxiedUrl(
  baseUrl: string,
  path: string,
  search: string,
): { url: URL; base: URL; target: string } | undefined {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  let url: URL;
  try {
    url = new URL(path.replace(/^\/+/, ''), base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return undefined;
  url.search = search;
  return { url, base, target: `/${url.pathname.slice(base.pathname.length)}` };
}

/**
 * `ANY /proxy/{resourceId}/*`, registered on Fastify in its own encapsulated context so it can take raw
 * bodies of any content type (up to `maxBodyBytes`) without changing the JSON parsing of other routes.
 */
export function registerProxyRoutes(
  fastify: FastifyInstance,
  pipeline: IngressPipeline,
  directoryBase: (resourceId: string) => string | undefined,
  options: ProxyOptions,
): void {
  void fastify.register((scope, _options, registered) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: options.maxBodyBytes },
      (_request, body, done) => done(null, body),
    );
    const handle = async (
      request: FastifyRequest,
      reply: FastifyReply,
      bodyTooLarge = false,
    ): Promise<FastifyReply> => {
      const { resourceId, '*': rest } = request.params as { resourceId: string; '*': string };
      const queryAt = request.url.indexOf('?');
      const search = queryAt >= 0 ? request.url.slice(queryAt) : '';
      const baseUrl = directoryBase(resourceId) ?? 'http://unresolved.invalid/';
      const placed = proxiedUrl(baseUrl, rest, search);
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      const contentType = request.headers['content-type'];
      const out: { response?: ProxiedResponse } = {};
      const declaredLength = bodyTooLarge
        ? Number.POSITIVE_INFINITY
        : Number(request.headers['content-length'] ?? 0);
      const target = `${request.method} ${placed?.target ?? `/${rest}`}`;
      const outcome = await pipeline.run(
        {
          requestId: String(request.id),
          surface: 'http_proxy',
          ...ingressHeaders(request),
          resourceId,
          action: 'http.request',
          target,
          ...(body !== undefined && isTextual(contentType) && { inputText: body.toString('utf8') }),
          receivedAt: new Date(),
          ...(placed === undefined && { invalid: deny('invalid_request', 'the path leaves the resource') }),
          ...(declaredLength > options.maxBodyBytes && {
            invalid: deny('payload_too_large', `the body exceeds ${options.maxBodyBytes} bytes`),
          }),
        },
        placed === undefined
          ? undefined
          : proxyExchange({
              url: placed.url,
              method: request.method,
              headers: forwardedRequestHeaders(request.headers),
              ...(body !== undefined && { body }),
              proxyBase: `/proxy/${resourceId}`,
              upstreamBase: placed.base,
              maxResponseBytes: options.maxResponseBytes,
              out,
            }),
        clientGone(reply.raw),
      );
      void reply.header(DECISION_ID_HEADER, outcome.context.decisionId);
      if (outcome.denial !== undefined || out.response === undefined) {
        // placed is undefined only with `invalid` set, which always denies: no exchange is ever skipped silently.
        const denial = outcome.denial ?? deny('upstream_error', 'no answer');
        return sendProblem(reply, DENIAL_STATUS[denial.code], denial.code, denial.message);
      }
      return reply.code(out.response.status).headers(out.response.headers).send(out.response.body);
    };
    // A body over the limit is refused by the parser before the handler: it still gets its decision record.
    scope.setErrorHandler(async (error: { statusCode?: number; message: string }, request, reply) => {
      if (error.statusCode === 413) return handle(request, reply, true);
      return sendProblem(reply, error.statusCode ?? 400, 'invalid_request', error.message);
    });
    scope.all('/proxy/:resourceId/*', (request, reply) => handle(request, reply));
    registered();
  });
}
