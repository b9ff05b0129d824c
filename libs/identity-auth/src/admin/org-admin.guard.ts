import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AdminRole } from '@warden/contracts';
import { ForbiddenError, NotFoundError } from '@warden/platform';
import type { FastifyRequest } from 'fastify';
import type { Caller } from './caller';
import { CredentialResolver } from './credential-resolver';
import { ORG_ACCESS, type OrgAccessLevel } from './org-access.decorator';

export type CallerRequest = FastifyRequest & { caller?: Caller };

export const CREDENTIAL_RESOLVER = Symbol('CREDENTIAL_RESOLVER');

const ROLES: Record<OrgAccessLevel, readonly AdminRole[]> = {
  read: ['owner', 'admin', 'auditor'],
  write: ['owner', 'admin'],
};

/**
 * Admin authorization for org-scoped routes of every service but identity (whose guard adds the bootstrap
 * rules): the caller's role in the organization named in the `:org` path parameter. Another organization
 * answers 404, as if it did not exist; an agent's or MCP server's key is never an admin credential.
 */
@Injectable()
export class OrgAdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_RESOLVER) private readonly credentials: CredentialResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.getAllAndOverride<OrgAccessLevel | undefined>(ORG_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (level === undefined) throw new Error('admin route without @OrgAccess()');
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const caller = await this.credentials.resolve(request.headers.authorization, new Date());
    request.caller = caller;
    const org = (request.params as Record<string, string | undefined>).org;
    if (caller.kind === 'bootstrap') {
      throw new ForbiddenError(
        'The bootstrap token only creates organizations and their first owner.',
        'forbidden',
      );
    }
    if (org === undefined || caller.organizationId !== org) {
      throw new NotFoundError('Organization not found.', 'organization_not_found');
    }
    if (caller.principalKind !== 'human' && caller.principalKind !== 'application') {
      throw new ForbiddenError(
        `A principal of kind ${caller.principalKind} is never an admin credential.`,
        'forbidden',
      );
    }
    if (!caller.roles.some((role) => ROLES[level].includes(role))) {
      throw new ForbiddenError(
        `This needs one of the roles ${ROLES[level].join(', ')} in the organization.`,
        'forbidden',
      );
    }
    return true;
  }
}
