import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { readCommandHeaders } from '@warden/platform';
import type { RequestContext } from '../application/request-context';
import type { PolicyAdminRequest } from './policy-admin.guard';

/** The caller (set by PolicyAdminGuard), the clock, Idempotency-Key, If-Match and tracing of the request. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<PolicyAdminRequest>();
  if (!request.policyCaller) throw new Error('Ctx used on a route without PolicyAdminGuard');
  return { caller: request.policyCaller, ...readCommandHeaders(request) };
});
