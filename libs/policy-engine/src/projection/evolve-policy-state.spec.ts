import {
  NOW,
  connectionCreated,
  connectionOf,
  givenState,
  policySetPublished,
  principal,
  resource,
  resourceRegistered,
} from '../testing/policy-fixtures';
import { evolvePolicyState, markCurrent, setPrincipalStatus } from './evolve-policy-state';
import { EMPTY_POLICY_STATE, pairKey } from './policy-state';

describe('evolvePolicyState', () => {
  it('Given a registered resource and a created connection, When evolved, Then both are held and the pair is indexed', () => {
    const state = givenState({
      events: [resourceRegistered(resource('res_fs')), connectionCreated('con_1', 'prn_a', 'res_fs')],
    });

    expect(state.resources.get('res_fs')?.kind).toBe('mcp_server');
    expect(connectionOf(state, 'con_1')).toMatchObject({
      version: 1,
      status: 'active',
      principalId: 'prn_a',
    });
    expect(state.connectionsByPair.get(pairKey('prn_a', 'res_fs'))).toEqual(['con_1']);
  });

  it('Given v1, When an update to v2 arrives, Then the spec is replaced whole and the version advances', () => {
    const state = givenState({
      events: [
        connectionCreated('con_1', 'prn_a', 'res_fs', { minTrust: 50, guardrailProfileId: 'grp_1' }),
        {
          type: 'warden.policy.connection.updated.v1',
          data: {
            connectionId: 'con_1',
            orgId: 'org_1',
            version: 2,
            previousVersion: 1,
            spec: { operations: [{ action: 'model.chat', target: 'gpt-*' }], failMode: 'open' },
            changedFields: ['operations', 'failMode', 'minTrust', 'guardrailProfileId'],
          },
        },
      ],
    });

    const c = connectionOf(state, 'con_1');
    expect(c).toMatchObject({
      version: 2,
      failMode: 'open',
      operations: [{ action: 'model.chat', target: 'gpt-*' }],
    });
    expect(c.minTrust).toBeUndefined();
    expect(c.guardrailProfileId).toBeUndefined();
  });

  it('Given v2, When a redelivered or older event arrives, Then the state is unchanged', () => {
    const revoked = {
      type: 'warden.policy.connection.revoked.v1' as const,
      data: { connectionId: 'con_1', orgId: 'org_1', version: 2, previousVersion: 1 },
    };
    const state = givenState({ events: [connectionCreated('con_1', 'prn_a', 'res_fs'), revoked] });

    expect(evolvePolicyState(state, revoked)).toBe(state);
    expect(evolvePolicyState(state, connectionCreated('con_1', 'prn_a', 'res_fs'))).toBe(state);
    expect(connectionOf(state, 'con_1').status).toBe('revoked');
  });

  it('Given policy set v2, When v1 is redelivered, Then v2 stays', () => {
    const state = givenState({
      events: [policySetPublished('', 2), policySetPublished('forbid(principal, action, resource);', 1)],
    });

    expect(state.orgPolicySets.get('org_1')).toEqual({ orgId: 'org_1', version: 2, policies: '' });
  });

  it('Given a revoked principal, When asked to reactivate it, Then it stays revoked', () => {
    const state = givenState({ principals: [principal('prn_a', { status: 'revoked' })] });

    expect(setPrincipalStatus(state, 'prn_a', 'active').principals.get('prn_a')?.status).toBe('revoked');
    expect(
      setPrincipalStatus(
        givenState({ principals: [principal('prn_b')] }),
        'prn_b',
        'suspended',
      ).principals.get('prn_b')?.status,
    ).toBe('suspended');
  });

  it('Given a state current at NOW, When marked current at an earlier instant, Then asOf does not go back', () => {
    const state = markCurrent(EMPTY_POLICY_STATE, NOW);

    expect(markCurrent(state, NOW - 1).asOf).toBe(NOW);
    expect(markCurrent(state, NOW + 1).asOf).toBe(NOW + 1);
  });
});
