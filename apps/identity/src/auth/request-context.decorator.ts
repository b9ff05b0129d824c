import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { readCommandHeaders } from '@warden/platform';
import type { RequestContext } from '../application/request-context';
import type { AuthenticatedRequest } from './admin.guard';

/** The caller (set by AdminGuard), the clock, Idempotency-Key, If-Match and tracing of the current request. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.caller) throw new Error('Ctx used on a route without AdminGuard');
  return { caller: request.caller, ...readCommandHeaders(request) };
});
