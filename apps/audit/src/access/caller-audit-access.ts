import type { CredentialResolver } from '@warden/identity-auth';
import { UnauthenticatedError } from '@warden/platform';
import type { AuditAccess, AuditAccessDecision, AuditRequest } from './audit-access.port';

const AUDIT_ROLES = new Set(['owner', 'admin', 'auditor']);

/** The production binding: the shared admin authentication (API key or OIDC) and the caller's role in the org. */
export class CallerAuditAccess implements AuditAccess {
  constructor(private readonly credentials: CredentialResolver) {}

  async authorize(request: AuditRequest, orgId: string): Promise<AuditAccessDecision> {
    const header = request.headers['authorization'];
    try {
      const caller = await this.credentials.resolve(Array.isArray(header) ? header[0] : header, new Date());
      if (caller.kind !== 'principal' || caller.organizationId !== orgId) return 'forbidden';
      if (caller.principalKind !== 'human' && caller.principalKind !== 'application') return 'forbidden';
      return caller.roles.some((role) => AUDIT_ROLES.has(role)) ? 'allowed' : 'forbidden';
    } catch (error) {
      if (error instanceof UnauthenticatedError) return 'unauthenticated';
      throw error;
    }
  }
}
