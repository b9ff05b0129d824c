import { DecisionEngine } from '@warden/policy-engine';
import type { Caller } from '../pipeline/ingress-request';
import { PolicyConnectionDirectory } from './policy-connection-directory';
import { PolicyEngineAuthorizer } from './policy-engine-authorizer';
import { PolicyProjection } from './policy-projection';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const caller: Caller = { principalId: 'prn_a', organizationId: 'org_1', keyId: 'key_1', kind: 'agent' };

function given(): PolicyProjection {
  const projection = new PolicyProjection();
  const events = [
    {
      id: 'e1',
      type: 'warden.identity.principal.registered.v1',
      data: {
        principalId: 'prn_a',
        organizationId: 'org_1',
        kind: 'agent',
        name: 'a',
        attributes: { team: 'x' },
        roles: [],
      },
    },
    {
      id: 'e2',
      type: 'warden.policy.resource.registered.v1',
      data: {
        resourceId: 'res_llm',
        orgId: 'org_1',
        kind: 'model',
        name: 'llm',
        upstream: { baseUrl: 'http://u' },
        attributes: {},
      },
    },
    {
      id: 'e3',
      type: 'warden.policy.resource.registered.v1',
      data: {
        resourceId: 'res_other',
        orgId: 'org_2',
        kind: 'model',
        name: 'other',
        upstream: { baseUrl: 'http://o' },
        attributes: {},
      },
    },
    {
      id: 'e4',
      type: 'warden.policy.connection.created.v1',
      data: {
        connectionId: 'con_1',
        orgId: 'org_1',
        principalId: 'prn_a',
        resourceId: 'res_llm',
        version: 1,
        spec: {
          operations: [{ action: 'model.chat', target: 'gpt-*' }],
          failMode: 'closed',
          rateLimit: { requestsPerMinute: 5 },
        },
      },
    },
  ];
  for (const event of events) projection.apply(event);
  projection.markCurrent(NOW);
  return projection;
}

describe('policy adapters over the real decision engine', () => {
  it('Given a connection allowing gpt-*, When a model is resolved and authorized, Then the engine allows it with the rate-limit obligation', () => {
    const projection = given();
    const resolution = new PolicyConnectionDirectory(projection).resolve(caller, 'model.chat', 'gpt-4o');
    expect(resolution).toMatchObject({
      found: true,
      resource: { id: 'res_llm' },
      connection: { id: 'con_1' },
    });
    const decision = new PolicyEngineAuthorizer(
      new DecisionEngine({ maxStalenessMs: 30_000 }),
      projection,
    ).authorize({
      caller,
      resourceId: 'res_llm',
      action: 'model.chat',
      target: 'gpt-4o',
      time: NOW,
      model: 'gpt-4o',
    });
    expect(decision).toMatchObject({
      decision: 'allow',
      connectionId: 'con_1',
      obligations: { rateLimit: { requestsPerMinute: 5 } },
    });
  });

  it("Given another organization's resource, When resolved by id, Then it is not_found like an unknown one", () => {
    const directory = new PolicyConnectionDirectory(given());
    expect(directory.resolve(caller, 'model.chat', 'gpt-4o', 'res_other')).toMatchObject({
      found: false,
      reason: 'not_found',
    });
    expect(directory.resolve(caller, 'model.chat', 'gpt-4o', 'res_nope')).toMatchObject({
      found: false,
      reason: 'not_found',
    });
  });

  it('Given state older than the bound, When authorized, Then the engine fails closed with stale_state', () => {
    const decision = new PolicyEngineAuthorizer(
      new DecisionEngine({ maxStalenessMs: 1_000 }),
      given(),
    ).authorize({
      caller,
      resourceId: 'res_llm',
      action: 'model.chat',
      target: 'gpt-4o',
      time: NOW + 5_000,
    });
    expect(decision.decision).toBe('deny');
    expect(decision.reasons[0]?.code).toBe('stale_state');
  });

  it('Given a suspended principal, When authorized, Then denied as inactive', () => {
    const projection = given();
    projection.apply({
      id: 'e5',
      type: 'warden.identity.principal.suspended.v1',
      data: { principalId: 'prn_a', organizationId: 'org_1' },
    });
    const decision = new PolicyEngineAuthorizer(
      new DecisionEngine({ maxStalenessMs: 30_000 }),
      projection,
    ).authorize({
      caller,
      resourceId: 'res_llm',
      action: 'model.chat',
      target: 'gpt-4o',
      time: NOW,
    });
    expect(decision.reasons[0]?.code).toBe('principal_inactive');
  });
});
