import { ValidationFailedError } from '../errors/warden-error';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

/** What a write needs from its request's headers besides the caller: the clock, Idempotency-Key, If-Match, tracing. */
export interface CommandHeaders {
  readonly now: Date;
  readonly requestId: string;
  readonly idempotencyKey?: string;
  /** The version from If-Match (`"3"`, `3`, `W/"3"`); `*` names none. */
  readonly expectedVersion?: number;
  readonly traceparent?: string;
}

interface HeaderSource {
  readonly id: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

function header(request: HeaderSource, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads and validates the command headers; a malformed Idempotency-Key or If-Match is a 400 naming it. */
export function readCommandHeaders(request: HeaderSource): CommandHeaders {
  const idempotencyKey = header(request, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const ifMatch = header(request, 'if-match')?.trim();
  let expectedVersion: number | undefined;
  if (ifMatch !== undefined && ifMatch !== '*') {
    const match = IF_MATCH.exec(ifMatch);
    if (!match?.[1])
      throw new ValidationFailedError([{ field: 'If-Match', message: 'must be a version number, e.g. "3"' }]);
    expectedVersion = Number(match[1]);
  }
  const traceparent = header(request, 'traceparent');
  return {
    now: new Date(),
    requestId: String(request.id),
    ...(idempotencyKey !== undefined && { idempotencyKey }),
    ...(expectedVersion !== undefined && { expectedVersion }),
    ...(traceparent !== undefined && { traceparent }),
  };
}
