import { Inject, Injectable } from '@nestjs/common';
import type { AdminRole } from '@warden/contracts';
import { CredentialResolver } from '@warden/identity-auth';
import { ForbiddenError, NotFoundError, WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { PolicyProjection } from '../projection/policy-projection';
import type { AdminAuthorizer } from './admin-authorizer.port';
import type { AdminCaller, PolicyAccess } from './admin-caller';

const ROLES: Record<PolicyAccess, readonly AdminRole[]> = {
  read: ['owner', 'admin', 'auditor'],
  write: ['owner', 'admin'],
};

/**
 * The default binding of ADMIN_AUTHORIZER: the shared CredentialResolver of libs/identity-auth (API keys and
 * OIDC), fed by this service's own projection of the identity topic — no second identity consumer — and the
 * same rules as the shared OrgAdminGuard: another organization → 404, only humans and applications with a role.
 */
@Injectable()
export class CredentialAdminAuthorizer implements AdminAuthorizer {
  private readonly credentials: CredentialResolver;

  constructor(projection: PolicyProjection, @Inject(WARDEN_CONFIG) config: WardenConfig) {
    this.credentials = new CredentialResolver(config, projection);
  }

  async authorize(
    authorization: string | undefined,
    orgId: string,
    access: PolicyAccess,
    now: Date,
  ): Promise<AdminCaller> {
    const caller = await this.credentials.resolve(authorization, now);
    if (caller.kind === 'bootstrap') {
      throw new ForbiddenError(
        'The bootstrap token only creates organizations and their first owner.',
        'forbidden',
      );
    }
    if (caller.organizationId !== orgId)
      throw new NotFoundError('Organization not found.', 'organization_not_found');
    if (caller.principalKind !== 'human' && caller.principalKind !== 'application') {
      throw new ForbiddenError(
        `A principal of kind ${caller.principalKind} is never an admin credential.`,
        'forbidden',
      );
    }
    if (!caller.roles.some((role) => ROLES[access].includes(role))) {
      throw new ForbiddenError(
        `This needs one of the roles ${ROLES[access].join(', ')} in the organization.`,
        'forbidden',
      );
    }
    return { principalId: caller.principalId, orgId, roles: caller.roles };
  }
}
