import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CallerRequest } from '@warden/identity-auth';
import { readCommandHeaders } from '@warden/platform';
import type { RequestContext } from '../application/request-context';

/** The caller (set by OrgAdminGuard or ScanCallerGuard), the clock, Idempotency-Key, If-Match and tracing. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<CallerRequest>();
  const caller = request.caller;
  if (caller?.kind !== 'principal') throw new Error('Ctx used on a route without a principal guard');
  return { caller, ...readCommandHeaders(request) };
});
