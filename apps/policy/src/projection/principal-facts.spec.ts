import { envelope, type CloudEvent } from '@warden/contracts';
import { EMPTY_POLICY_STATE } from '@warden/policy-engine';
import { evolvePrincipalFacts } from './principal-facts';

function identity(type: string, data: Record<string, unknown>): CloudEvent {
  return envelope({
    id: `evt_${type}`,
    source: 'test',
    type,
    time: '2026-11-26T00:00:00Z',
    subject: 'prn_a',
    data,
    orgid: 'org_1',
  });
}

const registered = identity('warden.identity.principal.registered.v1', {
  principalId: 'prn_a',
  organizationId: 'org_1',
  kind: 'agent',
  name: 'bot',
  attributes: { team: 'finance', labels: { tier: '1' } },
  roles: [],
});

describe('evolvePrincipalFacts', () => {
  it('Given nothing, When a principal is registered, Then the engine knows it, active, with its attributes', () => {
    const state = evolvePrincipalFacts(EMPTY_POLICY_STATE, registered);

    expect(state.principals.get('prn_a')).toEqual({
      id: 'prn_a',
      orgId: 'org_1',
      kind: 'agent',
      status: 'active',
      attributes: { team: 'finance', labels: ['tier=1'] },
    });
  });

  it('Given a principal, When suspended then reactivated, Then its status follows; When revoked, Then it stays revoked', () => {
    const steps = ['suspended', 'reactivated', 'revoked', 'reactivated'].map((verb) =>
      identity(`warden.identity.principal.${verb}.v1`, { principalId: 'prn_a', organizationId: 'org_1' }),
    );
    const statuses: string[] = [];
    steps.reduce(
      (state, event) => {
        const next = evolvePrincipalFacts(state, event);
        statuses.push(next.principals.get('prn_a')?.status ?? 'none');
        return next;
      },
      evolvePrincipalFacts(EMPTY_POLICY_STATE, registered),
    );

    expect(statuses).toEqual(['suspended', 'active', 'revoked', 'revoked']);
  });

  it('Given a principal, When its registration is redelivered, Then the state is unchanged', () => {
    const state = evolvePrincipalFacts(EMPTY_POLICY_STATE, registered);

    expect(evolvePrincipalFacts(state, registered)).toBe(state);
    expect(evolvePrincipalFacts(state, identity('warden.identity.key.used.v1', {}))).toBe(state);
  });
});
