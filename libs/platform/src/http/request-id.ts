import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-warden-request-id';

/** A caller's id is kept only when it is short and plain: it ends up in logs and response headers. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function newRequestId(): string {
  return `req_${randomUUID().replace(/-/g, '')}`;
}

/** Fastify's genReqId: the caller's X-Warden-Request-Id when valid, else a fresh one. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && VALID_REQUEST_ID.test(value) ? value : newRequestId();
}
