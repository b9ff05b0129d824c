import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ADMIN_AUTHORIZER, type AdminAuthorizer } from './admin-authorizer.port';
import type { AdminCaller, PolicyAccess } from './admin-caller';
import { POLICY_ACCESS } from './policy-access.decorator';

export type PolicyAdminRequest = FastifyRequest & { policyCaller?: AdminCaller };

/** Every policy admin route: the caller's role in the org of the path, through the ADMIN_AUTHORIZER port. */
@Injectable()
export class PolicyAdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ADMIN_AUTHORIZER) private readonly authorizer: AdminAuthorizer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.get<PolicyAccess | undefined>(POLICY_ACCESS, context.getHandler());
    if (access === undefined) throw new Error('policy admin route without @Access()');
    const request = context.switchToHttp().getRequest<PolicyAdminRequest>();
    const org = (request.params as Record<string, string | undefined>).org ?? '';
    request.policyCaller = await this.authorizer.authorize(
      request.headers.authorization,
      org,
      access,
      new Date(),
    );
    return true;
  }
}
