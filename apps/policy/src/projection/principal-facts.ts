import type { CloudEvent, PrincipalRegisteredV1 } from '@warden/contracts';
import {
  setPrincipalStatus,
  upsertPrincipal,
  type Attributes,
  type PolicyState,
} from '@warden/policy-engine';

/** Identity attributes → policy attributes: team and environment as tags, labels as `key=value` strings. */
export function policyAttributes(attributes: PrincipalRegisteredV1['attributes']): Attributes {
  return {
    ...(attributes.team !== undefined ? { team: attributes.team } : {}),
    ...(attributes.environment !== undefined ? { environment: attributes.environment } : {}),
    ...(attributes.labels !== undefined
      ? { labels: Object.entries(attributes.labels).map(([k, v]) => `${k}=${v}`) }
      : {}),
  };
}

/** Applies the identity events the decision engine needs (principal, its kind and status); others pass. */
export function evolvePrincipalFacts(state: PolicyState, event: CloudEvent): PolicyState {
  switch (event.type) {
    case 'warden.identity.principal.registered.v1': {
      const d = event.data as PrincipalRegisteredV1;
      if (state.principals.has(d.principalId)) return state;
      return upsertPrincipal(state, {
        id: d.principalId,
        orgId: d.organizationId,
        kind: d.kind,
        status: 'active',
        attributes: policyAttributes(d.attributes),
      });
    }
    case 'warden.identity.principal.suspended.v1':
      return setPrincipalStatus(state, (event.data as { principalId: string }).principalId, 'suspended');
    case 'warden.identity.principal.reactivated.v1':
      return setPrincipalStatus(state, (event.data as { principalId: string }).principalId, 'active');
    case 'warden.identity.principal.revoked.v1':
      return setPrincipalStatus(state, (event.data as { principalId: string }).principalId, 'revoked');
    default:
      return state;
  }
}
