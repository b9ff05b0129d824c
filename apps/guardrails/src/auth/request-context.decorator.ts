import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CallerRequest } from '@warden/identity-auth';
import { ValidationFailedError } from '@warden/platform';
import type { RequestContext } from '../application/request-context';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

function header(request: CallerRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller (set by OrgAdminGuard or ScanCallerGuard), the clock, Idempotency-Key, If-Match and tracing. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<CallerRequest>();
  const caller = request.caller;
  if (caller?.kind !== 'principal') throw new Error('Ctx used on a route without a principal guard');
  const idempotencyKey = header(request, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const ifMatch = header(request, 'if-match');
  let expectedVersion: number | undefined;
  if (ifMatch !== undefined && ifMatch.trim() !== '*') {
    const match = IF_MATCH.exec(ifMatch.trim());
    if (!match?.[1])
      throw new ValidationFailedError([{ field: 'If-Match', message: 'must be a version number, e.g. "3"' }]);
    expectedVersion = Number(match[1]);
  }
  const traceparent = header(request, 'traceparent');
  return {
    caller,
    now: new Date(),
    requestId: String(request.id),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...(traceparent !== undefined ? { traceparent } : {}),
  };
});
