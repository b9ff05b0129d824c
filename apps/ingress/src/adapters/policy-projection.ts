import type { CloudEvent } from '@warden/contracts';
import {
  EMPTY_POLICY_STATE,
  evolvePolicyState,
  markCurrent,
  setPrincipalStatus,
  upsertPrincipal,
  type Attributes,
  type PolicyEvent,
  type PolicyState,
  type PrincipalKind,
} from '@warden/policy-engine';

const POLICY_TYPES = new Set<string>([
  'warden.policy.resource.registered.v1',
  'warden.policy.resource.updated.v1',
  'warden.policy.connection.created.v1',
  'warden.policy.connection.updated.v1',
  'warden.policy.connection.revoked.v1',
  'warden.policy.policy_set.published.v1',
]);

function principalAttributes(raw: unknown): Attributes {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (key === 'labels' && typeof value === 'object' && value !== null) {
      out.labels = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
    }
  }
  return out;
}

/**
 * The ingress's decision projection: the policy engine's PolicyState, evolved from `warden.policy.*` events
 * and the principal facts of `warden.identity.*` events. Held in memory; a snapshot is immutable.
 */
export class PolicyProjection {
  private current: PolicyState = EMPTY_POLICY_STATE;
  private readonly seen = new Set<string>();

  get state(): PolicyState {
    return this.current;
  }

  apply(event: Pick<CloudEvent, 'id' | 'type' | 'data'>): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (POLICY_TYPES.has(event.type)) {
      this.current = evolvePolicyState(this.current, event as unknown as PolicyEvent);
      return;
    }
    const data = (event.data ?? {}) as Record<string, unknown>;
    const principalId = typeof data.principalId === 'string' ? data.principalId : undefined;
    if (principalId === undefined) return;
    switch (event.type) {
      case 'warden.identity.principal.registered.v1':
        if (this.current.principals.has(principalId)) return;
        this.current = upsertPrincipal(this.current, {
          id: principalId,
          orgId: String(data.organizationId),
          kind: String(data.kind) as PrincipalKind,
          status: 'active',
          attributes: principalAttributes(data.attributes),
        });
        return;
      case 'warden.identity.principal.suspended.v1':
        this.current = setPrincipalStatus(this.current, principalId, 'suspended');
        return;
      case 'warden.identity.principal.reactivated.v1':
        this.current = setPrincipalStatus(this.current, principalId, 'active');
        return;
      case 'warden.identity.principal.revoked.v1':
        this.current = setPrincipalStatus(this.current, principalId, 'revoked');
        return;
      default:
        return;
    }
  }

  /** The feed confirms the projection is current as of `at` (epoch ms); the engine fails closed past its bound. */
  markCurrent(at: number): void {
    this.current = markCurrent(this.current, at);
  }
}
