import { SetMetadata } from '@nestjs/common';

/**
 * What a route demands of its caller; AdminGuard is the one place that enforces it.
 * - operator: only the bootstrap token (creating organizations)
 * - read: an admin role (owner, admin or auditor) in the organization of the path
 * - write: owner or admin in that organization
 * - register-principal / issue-key: write, or the bootstrap token for the organization's first owner and that owner's first key
 * - authenticated: anyone with a valid credential (whoami)
 */
export type AdminAccess =
  'operator' | 'read' | 'write' | 'register-principal' | 'issue-key' | 'authenticated';

export const ADMIN_ACCESS = 'warden:identity:admin-access';

export const Access = (access: AdminAccess): MethodDecorator => SetMetadata(ADMIN_ACCESS, access);
