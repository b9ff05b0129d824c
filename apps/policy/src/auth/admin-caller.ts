import type { AdminRole } from '@warden/contracts';

/** Who called the admin API, as the authorizer established it. */
export interface AdminCaller {
  readonly principalId: string;
  readonly orgId: string;
  readonly roles: readonly AdminRole[];
}

/** read: owner, admin or auditor in the org of the path; write: owner or admin there. */
export type PolicyAccess = 'read' | 'write';
