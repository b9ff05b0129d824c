import type { AdminCaller, PolicyAccess } from './admin-caller';

/**
 * The admin authorization port: the lead binds it to the shared admin guard (identity). It authenticates
 * the credential and checks the caller's role in `orgId`; it throws a WardenError: 401 unauthenticated,
 * 403 without the role, 404 when the caller belongs to another organization (as if absent).
 */
export interface AdminAuthorizer {
  authorize(
    authorization: string | undefined,
    orgId: string,
    access: PolicyAccess,
    now: Date,
  ): Promise<AdminCaller>;
}

export const ADMIN_AUTHORIZER = Symbol('POLICY_ADMIN_AUTHORIZER');
