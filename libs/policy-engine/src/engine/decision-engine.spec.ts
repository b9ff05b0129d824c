import type { PolicyEvent } from '../projection/policy-events';
import {
  NOW,
  connectionCreated,
  givenState,
  policySetPublished,
  principal,
  resource,
  resourceRegistered,
  toolCall,
} from '../testing/policy-fixtures';
import { DecisionEngine } from './decision-engine';

const agent = principal('prn_agent');
const fs = resource('res_fs', { attributes: { labels: ['internal'] } });
const payments = resource('res_pay', {
  kind: 'http_api',
  attributes: { labels: ['finance'], owner: 'treasury' },
});

function engine(): DecisionEngine {
  return new DecisionEngine({ maxStalenessMs: 5_000 });
}

function stateWith(...events: PolicyEvent[]) {
  return givenState({
    principals: [agent],
    events: [resourceRegistered(fs), resourceRegistered(payments), ...events],
  });
}

describe('DecisionEngine', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('allow', () => {
    it('Given a connection allowing read_* tools, When the agent calls read_file, Then it is allowed and the reason names the permit', () => {
      const state = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs', {
          operations: [{ action: 'mcp.tool', target: 'read_*' }],
          guardrailProfileId: 'grp_1',
          rateLimit: { requestsPerMinute: 60 },
          budget: { limit: 10, currency: 'USD', window: 'day' },
        }),
      );

      const decision = engine().decide(toolCall(), state);

      expect(decision.decision).toBe('allow');
      expect(decision.reasons).toEqual([
        { code: 'permitted', message: 'permitted by con_1@v1#op0', policyIds: ['con_1@v1#op0'] },
      ]);
      expect(decision.obligations).toEqual({
        guardrailProfileId: 'grp_1',
        rateLimit: { requestsPerMinute: 60 },
        budget: { limit: 10, currency: 'USD', window: 'day' },
      });
      expect(decision.policyVersion).toBe('org_1/policies@v0+con_1@v1');
      expect(decision.connectionId).toBe('con_1');
    });

    it('Given a connection allowing read_*, When the agent calls delete_file, Then it is denied by default with no policy named', () => {
      const state = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs', {
          operations: [{ action: 'mcp.tool', target: 'read_*' }],
        }),
      );

      const decision = engine().decide(toolCall({ target: 'delete_file' }), state);

      expect(decision.decision).toBe('deny');
      expect(decision.reasons[0]?.code).toBe('forbidden');
      expect(decision.reasons[0]?.policyIds).toBeUndefined();
    });
  });

  describe('forbid overrides permit', () => {
    it('Given a permit for every tool and an org forbid on delete_file, When the agent calls delete_file, Then it is denied naming the forbid', () => {
      const state = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs'),
        policySetPublished(
          '@id("no-delete") forbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "delete_file" };',
        ),
      );
      const e = engine();

      const denied = e.decide(toolCall({ target: 'delete_file' }), state);
      const allowed = e.decide(toolCall({ target: 'read_file' }), state);

      expect(denied.decision).toBe('deny');
      expect(denied.reasons).toEqual([
        {
          code: 'policy_forbid',
          message: 'forbidden by org_1/policies@v1#no-delete',
          policyIds: ['org_1/policies@v1#no-delete'],
        },
      ]);
      expect(denied.policyVersion).toBe('org_1/policies@v1+con_1@v1');
      expect(allowed.decision).toBe('allow');
    });

    it('Given an org forbid on resources labelled finance, When the agent calls the payments API, Then it is denied naming the positional policy id', () => {
      const state = stateWith(
        connectionCreated('con_2', 'prn_agent', 'res_pay', {
          operations: [{ action: 'http.request', target: 'POST /payments/*' }],
        }),
        policySetPublished(
          'forbid(principal, action, resource) when { context.findings.contains("pii.card") };\n' +
            'forbid(principal, action, resource) when { resource.labels.contains("finance") && principal.hasTag("team") == false };',
        ),
      );

      const decision = engine().decide(
        toolCall({ action: 'http.request', resourceId: 'res_pay', target: 'POST /payments/42' }),
        state,
      );

      expect(decision.decision).toBe('deny');
      expect(decision.reasons[0]?.code).toBe('policy_forbid');
      expect(decision.reasons[0]?.policyIds).toEqual(['org_1/policies@v1#policy1']);
    });

    it('Given an org forbid on content findings, When the same call carries a pii finding and then none, Then only the first is denied', () => {
      const state = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs'),
        policySetPublished(
          '@id("no-pii") forbid(principal, action, resource) when { context.findings.contains("pii.email") };',
        ),
      );
      const e = engine();

      const withFinding = e.decide(toolCall({}, { findings: ['pii.email'] }), state);
      const without = e.decide(toolCall({}, { findings: [] }), state);

      expect(withFinding.reasons[0]?.policyIds).toEqual(['org_1/policies@v1#no-pii']);
      expect(without.decision).toBe('allow');
    });
  });

  describe('unknown or inactive parties', () => {
    it('Given no such principal, When it calls, Then it is denied', () => {
      const decision = engine().decide(
        toolCall({ principalId: 'prn_ghost' }),
        stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs')),
      );

      expect(decision).toMatchObject({
        decision: 'deny',
        reasons: [{ code: 'forbidden', message: 'unknown principal prn_ghost' }],
      });
    });

    it('Given no such resource, When the agent calls it, Then it is denied', () => {
      const decision = engine().decide(
        toolCall({ resourceId: 'res_ghost' }),
        stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs')),
      );

      expect(decision).toMatchObject({
        decision: 'deny',
        reasons: [{ code: 'forbidden', message: 'unknown resource res_ghost' }],
      });
    });

    it('Given a resource of another organization, When the agent calls it, Then it is denied as unknown', () => {
      const foreign = resource('res_foreign', { orgId: 'org_2' });
      const state = givenState({
        principals: [agent],
        events: [resourceRegistered(foreign), connectionCreated('con_x', 'prn_agent', 'res_foreign')],
      });

      const decision = engine().decide(toolCall({ resourceId: 'res_foreign' }), state);

      expect(decision.reasons[0]?.code).toBe('forbidden');
    });

    it('Given a suspended principal with a connection, When it calls, Then it is denied as inactive', () => {
      const state = givenState({
        principals: [principal('prn_agent', { status: 'suspended' })],
        events: [resourceRegistered(fs), connectionCreated('con_1', 'prn_agent', 'res_fs')],
      });

      const decision = engine().decide(toolCall(), state);

      expect(decision).toMatchObject({
        decision: 'deny',
        reasons: [{ code: 'principal_inactive', message: 'principal prn_agent is suspended' }],
      });
    });

    it('Given no connection between principal and resource, When the agent calls, Then it is denied with no_connection', () => {
      const decision = engine().decide(toolCall(), stateWith());

      expect(decision.reasons[0]?.code).toBe('no_connection');
    });
  });

  describe('connection lifecycle', () => {
    it('Given a connection that expired a second ago, When the agent calls, Then it is denied as expired', () => {
      const expiresAt = new Date(NOW - 1_000).toISOString();
      const state = stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs', { expiresAt }));

      const decision = engine().decide(toolCall(), state);

      expect(decision.reasons[0]).toMatchObject({ code: 'connection_expired' });
      expect(decision.connectionId).toBe('con_1');
    });

    it('Given a connection expiring in a second, When the agent calls now, Then it is allowed', () => {
      const state = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs', { expiresAt: new Date(NOW + 1_000).toISOString() }),
      );

      expect(engine().decide(toolCall(), state).decision).toBe('allow');
    });

    it('Given a revoked connection, When the agent calls, Then it is denied as revoked', () => {
      const state = stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs'), {
        type: 'warden.policy.connection.revoked.v1',
        data: { connectionId: 'con_1', orgId: 'org_1', version: 2, previousVersion: 1 },
      });

      const decision = engine().decide(toolCall(), state);

      expect(decision.reasons[0]).toEqual({
        code: 'connection_revoked',
        message: 'connection con_1 was revoked at v2',
      });
    });

    it('Given a connection updated to v2 narrowing its tools, When the agent calls, Then the reason names v2', () => {
      const e = engine();
      const v1 = stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs'));
      expect(e.decide(toolCall({ target: 'write_file' }), v1).decision).toBe('allow');
      const v2 = stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs'), {
        type: 'warden.policy.connection.updated.v1',
        data: {
          connectionId: 'con_1',
          orgId: 'org_1',
          version: 2,
          previousVersion: 1,
          spec: {
            operations: [
              { action: 'mcp.tool', target: 'read_*' },
              { action: 'mcp.tool', target: 'write_file' },
            ],
            failMode: 'closed',
          },
          changedFields: ['operations'],
        },
      });

      const decision = e.decide(toolCall({ target: 'write_file' }), v2);

      expect(decision.reasons[0]?.policyIds).toEqual(['con_1@v2#op1']);
      expect(e.decide(toolCall({ target: 'exec' }), v2).decision).toBe('deny');
    });
  });

  describe('trust', () => {
    it('Given minTrust 70, When trust is 69.9 and then 70, Then the first is denied and the second allowed', () => {
      const state = stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs', { minTrust: 70 }));
      const e = engine();

      const low = e.decide(toolCall({}, { trustScore: 69.9 }), state);
      const enough = e.decide(toolCall({}, { trustScore: 70 }), state);

      expect(low.reasons[0]).toMatchObject({ code: 'trust_too_low', policyIds: ['con_1@v1#op0'] });
      expect(enough.decision).toBe('allow');
    });
  });

  describe('argument constraints', () => {
    const state = stateWith(
      connectionCreated('con_1', 'prn_agent', 'res_fs', {
        operations: [
          { action: 'mcp.tool', target: 'read_file', constraints: { path: { prefix: '/data/reports/' } } },
          {
            action: 'mcp.tool',
            target: 'transfer',
            constraints: { amount: { max: 100 }, currency: { enum: ['EUR', 'USD'] } },
          },
        ],
      }),
    );

    it.each([
      ['/data/reports/q3.csv', 'allow'],
      ['/etc/passwd', 'deny'],
      ['/data/reports/../../etc/passwd', 'deny'],
      ['/data/report', 'deny'],
    ])('Given an allowed path prefix, When path is %s, Then the decision is %s', (path, expected) => {
      const decision = engine().decide(toolCall({ arguments: { path } }), state);

      expect(decision.decision).toBe(expected);
      if (expected === 'deny')
        expect(decision.reasons[0]).toMatchObject({
          code: 'argument_constraint',
          policyIds: ['con_1@v1#op0'],
        });
    });

    it.each([
      [{ amount: 100, currency: 'EUR' }, 'allow'],
      [{ amount: 100.01, currency: 'EUR' }, 'deny'],
      [{ amount: '50', currency: 'EUR' }, 'deny'],
      [{ currency: 'EUR' }, 'deny'],
      [{ amount: 5, currency: 'GBP' }, 'deny'],
    ])('Given a max amount of 100, When the arguments are %j, Then the decision is %s', (args, expected) => {
      const decision = engine().decide(toolCall({ target: 'transfer', arguments: args }), state);

      expect(decision.decision).toBe(expected);
      if (expected === 'deny')
        expect(decision.reasons[0]).toMatchObject({
          code: 'argument_constraint',
          policyIds: ['con_1@v1#op1'],
        });
    });
  });

  describe('approval', () => {
    const state = stateWith(
      connectionCreated('con_1', 'prn_agent', 'res_fs', {
        approval: {
          operations: [{ action: 'mcp.tool', target: 'delete_*' }],
          approverIds: ['prn_boss'],
          ttlSeconds: 600,
        },
        guardrailProfileId: 'grp_1',
      }),
    );

    it('Given an approval rule on delete_*, When the agent calls delete_file, Then approval is required', () => {
      const decision = engine().decide(toolCall({ target: 'delete_file' }), state);

      expect(decision.decision).toBe('approval_required');
      expect(decision.reasons[0]).toMatchObject({ code: 'approval_required', policyIds: ['con_1@v1#op0'] });
      expect(decision.obligations).toEqual({ guardrailProfileId: 'grp_1' });
    });

    it('Given the same rule, When the call carries a granted approval or is not covered by it, Then it is allowed', () => {
      const e = engine();

      expect(e.decide(toolCall({ target: 'delete_file', approvalGranted: true }), state).decision).toBe(
        'allow',
      );
      expect(e.decide(toolCall({ target: 'read_file' }), state).decision).toBe('allow');
    });

    it('Given an approval rule and an org forbid on the same tool, When the agent calls it, Then the forbid wins', () => {
      const forbidding = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs', {
          approval: {
            operations: [{ action: 'mcp.tool', target: 'delete_*' }],
            approverIds: ['prn_boss'],
            ttlSeconds: 600,
          },
        }),
        policySetPublished(
          'forbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool like "delete_*" };',
        ),
      );

      expect(engine().decide(toolCall({ target: 'delete_file' }), forbidding).reasons[0]?.code).toBe(
        'policy_forbid',
      );
    });
  });

  describe('stale state', () => {
    it('Given state last current 6 s ago and a 5 s bound, When the agent calls, Then it is denied saying the state is stale', () => {
      const state = givenState({
        principals: [agent],
        events: [resourceRegistered(fs), connectionCreated('con_1', 'prn_agent', 'res_fs')],
        asOf: NOW - 6_000,
      });

      const decision = engine().decide(toolCall(), state);

      expect(decision.decision).toBe('deny');
      expect(decision.reasons).toEqual([
        {
          code: 'stale_state',
          message: 'the policy state is 6000 ms old, beyond the 5000 ms bound: failing closed',
        },
      ]);
    });

    it('Given a never synchronized state, When the agent calls, Then it is denied as stale', () => {
      const state = { ...stateWith(connectionCreated('con_1', 'prn_agent', 'res_fs')), asOf: undefined };

      expect(engine().decide(toolCall(), state).reasons[0]?.code).toBe('stale_state');
    });

    it('Given stale state and a fail-open connection, When the agent calls, Then it is allowed and the reason says it failed open', () => {
      const state = givenState({
        principals: [agent],
        events: [
          resourceRegistered(fs),
          connectionCreated('con_1', 'prn_agent', 'res_fs', { failMode: 'open' }),
        ],
        asOf: NOW - 60_000,
      });

      const decision = engine().decide(toolCall(), state);

      expect(decision.decision).toBe('allow');
      expect(decision.reasons.map((r) => r.code)).toEqual(['permitted', 'stale_state']);
    });
  });

  describe('organization policy set that no longer compiles', () => {
    it('Given a published set invalid under the schema, When the agent calls, Then it fails closed with policy_error', () => {
      const state = stateWith(
        connectionCreated('con_1', 'prn_agent', 'res_fs'),
        policySetPublished('forbid(principal, action, resource) when { context.nope == 1 };'),
      );

      const decision = engine().decide(toolCall(), state);

      expect(decision.decision).toBe('deny');
      expect(decision.reasons[0]?.code).toBe('policy_error');
    });
  });
});
