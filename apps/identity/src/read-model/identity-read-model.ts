import type {
  AdminRole,
  CloudEvent,
  IdentityEventData,
  PrincipalAttributes,
  PrincipalKind,
} from '@warden/contracts';

export interface OrganizationView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly version: number;
}

export interface KeyView {
  readonly id: string;
  readonly name?: string;
  readonly prefix: string;
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly rotatedFrom?: string;
  readonly replacedBy?: string;
  readonly graceEndsAt?: string;
  readonly lastUsedAt?: string;
}

export interface PrincipalView {
  readonly id: string;
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly status: 'active' | 'suspended' | 'revoked';
  readonly attributes: PrincipalAttributes;
  readonly ownerId?: string;
  readonly roles: readonly AdminRole[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly keys: readonly KeyView[];
  readonly oidc: readonly { readonly issuer: string; readonly subject: string }[];
  /** Global position of the registration: the order of lists and cursors. */
  readonly position: number;
}

export interface PrincipalFilter {
  readonly kind?: PrincipalKind;
  readonly status?: PrincipalView['status'];
}

type Data<K extends keyof IdentityEventData> = IdentityEventData[K];

/**
 * The admin API's read side: organizations and principals (with their keys) folded from the identity events
 * of the event store, in memory. Identity data is small (orgs × principals × keys), so a full rebuild at
 * start is cheap and the same code serves embedded and distributed mode without extra tables.
 */
export class IdentityReadModel {
  private readonly orgs = new Map<string, OrganizationView>();
  private readonly principals = new Map<string, PrincipalView>();
  private readonly byOrg = new Map<string, string[]>();

  apply(event: CloudEvent, position: number): void {
    switch (event.type) {
      case 'warden.identity.organization.created.v1': {
        const d = event.data as Data<'warden.identity.organization.created.v1'>;
        this.orgs.set(d.organizationId, {
          id: d.organizationId,
          name: d.name,
          createdAt: event.time,
          version: 1,
        });
        return;
      }
      case 'warden.identity.organization.renamed.v1': {
        const d = event.data as Data<'warden.identity.organization.renamed.v1'>;
        const org = this.orgs.get(d.organizationId);
        if (org) this.orgs.set(org.id, { ...org, name: d.name, version: org.version + 1 });
        return;
      }
      case 'warden.identity.principal.registered.v1': {
        const d = event.data as Data<'warden.identity.principal.registered.v1'>;
        this.principals.set(d.principalId, {
          id: d.principalId,
          organizationId: d.organizationId,
          kind: d.kind,
          name: d.name,
          status: 'active',
          attributes: d.attributes,
          ...(d.ownerId !== undefined ? { ownerId: d.ownerId } : {}),
          roles: d.roles,
          version: 1,
          createdAt: event.time,
          updatedAt: event.time,
          keys: [],
          oidc: [],
          position,
        });
        const list = this.byOrg.get(d.organizationId) ?? [];
        list.push(d.principalId);
        this.byOrg.set(d.organizationId, list);
        return;
      }
      case 'warden.identity.principal.suspended.v1':
        return this.change(event, (p) => ({ ...p, status: 'suspended' }));
      case 'warden.identity.principal.reactivated.v1':
        return this.change(event, (p) => ({ ...p, status: 'active' }));
      case 'warden.identity.principal.revoked.v1':
        return this.change(event, (p) => ({ ...p, status: 'revoked' }));
      case 'warden.identity.key.issued.v1': {
        const d = event.data as Data<'warden.identity.key.issued.v1'>;
        const key: KeyView = {
          id: d.keyId,
          ...(d.name !== undefined ? { name: d.name } : {}),
          prefix: d.prefix,
          status: 'active',
          createdAt: d.issuedAt,
          ...(d.expiresAt !== undefined ? { expiresAt: d.expiresAt } : {}),
          ...(d.rotatedFrom !== undefined ? { rotatedFrom: d.rotatedFrom } : {}),
        };
        return this.change(event, (p) => ({ ...p, keys: [...p.keys, key] }));
      }
      case 'warden.identity.key.rotated.v1': {
        const d = event.data as Data<'warden.identity.key.rotated.v1'>;
        return this.change(event, (p) => ({
          ...p,
          keys: p.keys.map((k) =>
            k.id === d.keyId ? { ...k, replacedBy: d.replacedBy, graceEndsAt: d.graceEndsAt } : k,
          ),
        }));
      }
      case 'warden.identity.key.revoked.v1': {
        const d = event.data as Data<'warden.identity.key.revoked.v1'>;
        return this.change(event, (p) => ({
          ...p,
          keys: p.keys.map((k) => (k.id === d.keyId ? { ...k, status: 'revoked' as const } : k)),
        }));
      }
      case 'warden.identity.oidc.bound.v1': {
        const d = event.data as Data<'warden.identity.oidc.bound.v1'>;
        return this.change(event, (p) => ({
          ...p,
          oidc: [...p.oidc, { issuer: d.issuer, subject: d.subject }],
        }));
      }
      default:
        return;
    }
  }

  /** Last-used reports do not change a principal's version: they are observations, not decisions. */
  recordUsage(data: Data<'warden.identity.key.used.v1'>): void {
    for (const usage of data.usages) {
      const p = this.principals.get(usage.principalId);
      if (!p || p.organizationId !== data.organizationId) continue;
      this.principals.set(p.id, {
        ...p,
        keys: p.keys.map((k) =>
          k.id === usage.keyId && (k.lastUsedAt === undefined || k.lastUsedAt < usage.lastUsedAt)
            ? { ...k, lastUsedAt: usage.lastUsedAt }
            : k,
        ),
      });
    }
  }

  organization(id: string): OrganizationView | undefined {
    return this.orgs.get(id);
  }

  /** A principal of this organization only: another organization's principal does not exist here. */
  principal(organizationId: string, id: string): PrincipalView | undefined {
    const p = this.principals.get(id);
    return p && p.organizationId === organizationId ? p : undefined;
  }

  principalCount(organizationId: string): number {
    return this.byOrg.get(organizationId)?.length ?? 0;
  }

  firstPrincipal(organizationId: string): PrincipalView | undefined {
    const first = this.byOrg.get(organizationId)?.[0];
    return first !== undefined ? this.principals.get(first) : undefined;
  }

  /** Registration order; `afterPosition` is the cursor (exclusive). */
  listPrincipals(
    organizationId: string,
    filter: PrincipalFilter,
    afterPosition: number,
    limit: number,
  ): { items: PrincipalView[]; more: boolean } {
    const items: PrincipalView[] = [];
    for (const id of this.byOrg.get(organizationId) ?? []) {
      const p = this.principals.get(id);
      if (!p || p.position <= afterPosition) continue;
      if (filter.kind !== undefined && p.kind !== filter.kind) continue;
      if (filter.status !== undefined && p.status !== filter.status) continue;
      if (items.length === limit) return { items, more: true };
      items.push(p);
    }
    return { items, more: false };
  }

  private change(event: CloudEvent, update: (p: PrincipalView) => PrincipalView): void {
    const principalId = (event.data as { principalId: string }).principalId;
    const p = this.principals.get(principalId);
    if (p) this.principals.set(principalId, { ...update(p), version: p.version + 1, updatedAt: event.time });
  }
}
