/** What the org-scope guard needs from a request: its headers. */
export interface AuditRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type AuditAccessDecision = 'allowed' | 'unauthenticated' | 'forbidden';

/**
 * Port: may this caller read organization `orgId`'s audit trail and reports (roles owner, admin, auditor)?
 * The audit app cannot import the identity app's admin guard (apps never import apps), so the composition
 * root binds this port to the shared admin authentication; until then the module denies everything.
 */
export interface AuditAccess {
  authorize(request: AuditRequest, orgId: string): Promise<AuditAccessDecision>;
}

export const AUDIT_ACCESS = Symbol('AUDIT_ACCESS');

/**
 * Bearer tokens mapped to the organizations they may audit. For tests and for operators running the audit
 * service on its own before the shared admin authentication is bound.
 */
export class StaticTokenAuditAccess implements AuditAccess {
  constructor(private readonly orgsByToken: ReadonlyMap<string, readonly string[]>) {}

  authorize(request: AuditRequest, orgId: string): Promise<AuditAccessDecision> {
    const header = request.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    const token = value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : undefined;
    const orgs = token === undefined ? undefined : this.orgsByToken.get(token);
    if (orgs === undefined) return Promise.resolve('unauthenticated');
    return Promise.resolve(orgs.includes(orgId) ? 'allowed' : 'forbidden');
  }
}
