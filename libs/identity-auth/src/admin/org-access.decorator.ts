import { SetMetadata } from '@nestjs/common';

/**
 * What an org-scoped admin route demands (enforced by OrgAdminGuard):
 * - read: owner, admin or auditor in the organization named in the path
 * - write: owner or admin there
 */
export type OrgAccessLevel = 'read' | 'write';

export const ORG_ACCESS = 'warden:org-access';

export const OrgAccess = (level: OrgAccessLevel): MethodDecorator & ClassDecorator =>
  SetMetadata(ORG_ACCESS, level);
