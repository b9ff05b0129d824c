import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AdminRole } from '@warden/contracts';
import { ForbiddenError, NotFoundError } from '@warden/platform';
import type { FastifyRequest } from 'fastify';
import { IdentityProjections } from '../read-model/identity-projections';
import { ADMIN_ACCESS, type AdminAccess } from './admin-access.decorator';
import {
  CREDENTIAL_RESOLVER,
  CredentialResolver,
  type Caller,
  type PrincipalCaller,
} from '@warden/identity-auth';

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

const WRITERS: readonly AdminRole[] = ['owner', 'admin'];
const READERS: readonly AdminRole[] = ['owner', 'admin', 'auditor'];

function orgNotFound(): NotFoundError {
  return new NotFoundError('Organization not found.', 'organization_not_found');
}

function forbidden(detail: string): ForbiddenError {
  return new ForbiddenError(detail, 'forbidden');
}

/**
 * Admin authorization, in one place: authenticates the caller, then checks the route's AdminAccess against
 * the caller's role in the organization named in the path. Another organization answers 404, as if absent.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_RESOLVER) private readonly credentials: CredentialResolver,
    private readonly projections: IdentityProjections,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.get<AdminAccess | undefined>(ADMIN_ACCESS, context.getHandler());
    if (access === undefined) throw new Error('identity route without @Access()');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.credentials.resolve(request.headers.authorization, new Date());
    request.caller = caller;
    if (access === 'authenticated') return true;

    const params = request.params as Record<string, string | undefined>;
    if (caller.kind === 'bootstrap') return this.bootstrapMay(access, params, request.body);
    if (access === 'operator') throw forbidden('Only the operator (bootstrap token) creates organizations.');
    const org = params.org;
    if (org === undefined || caller.organizationId !== org) throw orgNotFound();
    this.principalMay(caller, access, params, request.body);
    return true;
  }

  private principalMay(
    caller: PrincipalCaller,
    access: AdminAccess,
    params: Record<string, string | undefined>,
    body: unknown,
  ): void {
    if (caller.principalKind !== 'human' && caller.principalKind !== 'application') {
      throw forbidden(`A principal of kind ${caller.principalKind} is never an admin credential.`);
    }
    const needed = access === 'read' ? READERS : WRITERS;
    if (!caller.roles.some((r) => needed.includes(r))) {
      throw forbidden(`This needs one of the roles ${needed.join(', ')} in the organization.`);
    }
    const isOwner = caller.roles.includes('owner');
    if (access === 'register-principal' && !isOwner && requestedRoles(body).includes('owner')) {
      throw forbidden('Only an owner can grant the owner role.');
    }
    const targetId = params.id;
    if (access !== 'read' && targetId !== undefined && !isOwner) {
      const target = this.projections.readModel.principal(caller.organizationId, targetId);
      if (target?.roles.includes('owner')) throw forbidden('Only an owner can change an owner.');
    }
  }

  /** The bootstrap token creates organizations, each one's first owner and that owner's first key — nothing else. */
  private async bootstrapMay(
    access: AdminAccess,
    params: Record<string, string | undefined>,
    body: unknown,
  ): Promise<boolean> {
    if (access === 'operator') return true;
    const org = params.org;
    if (org === undefined) throw forbidden('The bootstrap token cannot do this.');
    await this.projections.catchUp();
    const model = this.projections.readModel;
    if (!model.organization(org)) throw orgNotFound();
    if (access === 'register-principal') {
      const kind = typeof body === 'object' && body !== null ? (body as { kind?: unknown }).kind : undefined;
      if (model.principalCount(org) === 0 && kind === 'human' && requestedRoles(body).includes('owner'))
        return true;
      throw forbidden("The bootstrap token only creates an organization's first principal, a human owner.");
    }
    if (access === 'issue-key') {
      const first = model.firstPrincipal(org);
      if (first && first.id === params.id && first.roles.includes('owner') && first.keys.length === 0)
        return true;
      throw forbidden("The bootstrap token only issues the first owner's first key.");
    }
    throw forbidden('The bootstrap token cannot do this inside an organization.');
  }
}

function requestedRoles(body: unknown): readonly unknown[] {
  const roles = typeof body === 'object' && body !== null ? (body as { roles?: unknown }).roles : undefined;
  return Array.isArray(roles) ? roles : [];
}
