import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { WardenError, type FieldError } from './warden-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const PROBLEM_TYPE_BASE = 'https://warden.dev/problems/';

/** RFC 9457 problem details with Warden's stable `code` and optional field `errors`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
}

/** The response headers a problem needs besides its content type (e.g. Retry-After). */
export interface RenderedProblem {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** True when the cause is not a deliberate client-facing error: log it with its stack. */
  readonly unexpected: boolean;
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  410: 'gone',
  411: 'length_required',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_content',
  428: 'precondition_required',
  429: 'rate_limited',
  500: 'internal',
  501: 'not_implemented',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'gateway_timeout',
};

export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad_request');
}

function problem(
  status: number,
  code: string,
  detail: string,
  errors?: readonly FieldError[],
): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors !== undefined && errors.length > 0 && { errors }),
  };
}

const INTERNAL_DETAIL = 'An unexpected error occurred. The request id identifies it in the logs.';

function internal(): RenderedProblem {
  return { problem: problem(500, 'internal', INTERNAL_DETAIL), headers: {}, unexpected: true };
}

/** "property foo should not exist" / "name must be a string" → { field, message } */
function fieldErrorFromMessage(message: string): FieldError {
  const unknown = /^property (\S+) should not exist$/.exec(message);
  if (unknown) return { field: unknown[1] ?? '', message: 'is not allowed' };
  const space = message.indexOf(' ');
  return space > 0
    ? { field: message.slice(0, space), message: message.slice(space + 1) }
    : { field: '', message };
}

function fromHttpException(error: HttpException): RenderedProblem {
  const status = error.getStatus();
  if (status >= 500) {
    return {
      problem: problem(status, codeForStatus(status), STATUS_CODES[status] ?? 'Server error'),
      headers: {},
      unexpected: status === 500,
    };
  }
  const body: unknown = error.getResponse();
  const message =
    typeof body === 'string'
      ? body
      : typeof body === 'object' && body !== null && 'message' in body
        ? body.message
        : error.message;
  if (Array.isArray(message)) {
    const errors = message.filter((m): m is string => typeof m === 'string').map(fieldErrorFromMessage);
    return {
      problem: problem(
        status,
        status === 400 ? 'validation_failed' : codeForStatus(status),
        'The request is invalid.',
        errors,
      ),
      headers: {},
      unexpected: false,
    };
  }
  return {
    problem: problem(status, codeForStatus(status), typeof message === 'string' ? message : error.message),
    headers: {},
    unexpected: false,
  };
}

interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message: string;
}

function isFastifyLikeError(error: unknown): error is Error & FastifyLikeError {
  return error instanceof Error && typeof (error as FastifyLikeError).statusCode === 'number';
}

/** Errors Fastify raises before a route handler runs: body parsing, body size, media type. */
function fromFastifyError(error: Error & FastifyLikeError): RenderedProblem {
  const status = error.statusCode as number;
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return {
      problem: problem(413, 'payload_too_large', 'The request body is larger than this endpoint accepts.'),
      headers: {},
      unexpected: false,
    };
  }
  if (status >= 500 || status < 400) return internal();
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return {
      problem: problem(400, 'invalid_json', 'The request body is not valid JSON.'),
      headers: {},
      unexpected: false,
    };
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return {
      problem: problem(400, 'invalid_json', 'The request body is empty but its content type is JSON.'),
      headers: {},
      unexpected: false,
    };
  }
  return { problem: problem(status, codeForStatus(status), error.message), headers: {}, unexpected: false };
}

/**
 * THE mapping from anything thrown to a problem+json response. Deliberate errors keep their detail;
 * anything else becomes a 500 `internal` that leaks nothing (the cause goes to the log only).
 */
export function toProblem(error: unknown): RenderedProblem {
  if (error instanceof WardenError) {
    const headers: Record<string, string> = {};
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(0, Math.ceil(retryAfter)));
    const rendered = problem(error.status, error.code, error.detail, error.errors);
    return { problem: { ...rendered, title: error.title }, headers, unexpected: error.status >= 500 };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isFastifyLikeError(error)) return fromFastifyError(error);
  return internal();
}
