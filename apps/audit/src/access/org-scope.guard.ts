import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ForbiddenError, UnauthenticatedError } from '@warden/platform';
import { AUDIT_ACCESS, type AuditAccess, type AuditRequest } from './audit-access.port';

/** Every audit route is under /v1/orgs/{org}: the caller must be allowed to audit that organization. */
@Injectable()
export class OrgScopeGuard implements CanActivate {
  constructor(@Inject(AUDIT_ACCESS) private readonly access: AuditAccess) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuditRequest & { params?: Record<string, string> }>();
    const orgId = request.params?.['org'] ?? '';
    const decision = await this.access.authorize(request, orgId);
    if (decision === 'unauthenticated') throw new UnauthenticatedError();
    // Another organization's trail answers 403 without telling whether that organization exists.
    if (decision === 'forbidden') throw new ForbiddenError('The caller may not audit this organization.');
    return true;
  }
}
