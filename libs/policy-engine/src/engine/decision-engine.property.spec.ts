import fc from 'fast-check';
import { isAuthorized } from '../cedar/cedar-runtime';
import { compileConnection } from '../cedar/compile-connection';
import { orgPolicyId } from '../cedar/org-policy-set';
import { globToRegExp } from '../domain/glob';
import type { OperationAction, PrincipalFacts, Resource } from '../domain/policy-model';
import type { PolicyEvent } from '../projection/policy-events';
import type { PolicyState } from '../projection/policy-state';
import {
  NOW,
  connectionCreated,
  givenState,
  policySetPublished,
  principal,
  resource,
  resourceRegistered,
} from '../testing/policy-fixtures';
import { principalEntity, principalUid, resourceEntity, resourceUid, cedarContext } from './cedar-request';
import { DecisionEngine } from './decision-engine';
import type { DecisionInput } from './decision-types';

const PRINCIPALS: readonly PrincipalFacts[] = [
  principal('prn_a'),
  principal('prn_b', { kind: 'human', attributes: { team: 'ops' } }),
  principal('prn_s', { status: 'suspended' }),
];
const RESOURCES: readonly Resource[] = [
  resource('res_x', { attributes: { labels: ['secret'] } }),
  resource('res_y'),
];
const ACTIONS: readonly OperationAction[] = ['mcp.tool', 'model.chat', 'http.request'];
const TARGETS = [
  'read_file',
  'delete_file',
  'gpt-4o',
  'gpt-4o-mini',
  'GET /v1/items/1',
  'GET /v1/items/2',
  'POST /v1/items/1',
];
const GLOBS = ['*', 'read_*', 'delete_file', 'gpt-4o*', 'gpt-4o', 'GET /v1/items/*', '* /v1/items/1'];
const FORBIDS = [
  '@id("f-item") forbid(principal, action == Warden::Action::"http.request", resource) when { context.path like "*/2" && context.trustScore < 70 };',
  '@id("f-tool") forbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "delete_file" };',
  '@id("f-secret") forbid(principal == Warden::Human::"prn_b", action, resource) when { resource.labels.contains("secret") };',
  '@id("f-pii") forbid(principal, action, resource == Warden::Resource::"res_y") when { context.findings.contains("pii") };',
  '@id("f-mini") forbid(principal is Warden::Agent, action == Warden::Action::"model.chat", resource) when { context.model like "*mini" && context.trustScore < 50 };',
  '@id("f-team") forbid(principal, action, resource) when { principal.hasTag("team") && principal.getTag("team") == "ops" && context.estimatedCostMicros > 500000 };',
  // Read single attributes, `has` and ancestors: the engine passes Cedar entities cut down to these reads.
  '@id("f-kind") forbid(principal in Warden::Organization::"org_1", action == Warden::Action::"mcp.tool", resource) when { resource.kind == "mcp_server" && principal.status == "active" && context.trustScore < 20 };',
  '@id("f-has") forbid(principal, action == Warden::Action::"http.request", resource) when { resource has labels && resource.labels.contains("secret") && context.method == "POST" };',
];

const connectionArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS.map((p) => p.id)),
  resource: fc.constantFrom(...RESOURCES.map((r) => r.id)),
  operations: fc.array(
    fc.record({ action: fc.constantFrom(...ACTIONS), target: fc.constantFrom(...GLOBS) }),
    { minLength: 1, maxLength: 3 },
  ),
  minTrust: fc.option(fc.constantFrom(30, 60), { nil: undefined }),
  expired: fc.boolean(),
  revoked: fc.boolean(),
});

const requestArb = fc.record({
  principalId: fc.constantFrom<string>('prn_a', 'prn_b', 'prn_s', 'prn_ghost'),
  resourceId: fc.constantFrom<string>('res_x', 'res_y', 'res_ghost'),
  action: fc.constantFrom(...ACTIONS),
  target: fc.constantFrom(...TARGETS),
  trustScore: fc.integer({ min: 0, max: 100 }),
  cost: fc.constantFrom(0, 1, 3),
  findings: fc.subarray(['pii', 'secret']),
  // Most requests aim at a generated connection (its pair and one of its actions), so they reach Cedar.
  aim: fc.option(fc.nat(), { freq: 3, nil: undefined }),
});

type Req = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

const FIXED_REQUEST: Req = {
  principalId: 'prn_a',
  resourceId: 'res_x',
  action: 'mcp.tool',
  target: 'read_file',
  trustScore: 80,
  cost: 0,
  findings: [],
  aim: undefined,
};

function toInput(r: Req): DecisionInput {
  return {
    principalId: r.principalId,
    resourceId: r.resourceId,
    action: r.action,
    target: r.target,
    context: { time: NOW, trustScore: r.trustScore, estimatedCost: r.cost, findings: r.findings },
  };
}

/** The reference: Cedar over every permit of every live connection and every org forbid, no pre-filter, no memo. */
function referenceAllows(state: PolicyState, input: DecisionInput, forbidIds: readonly string[]): boolean {
  const p = state.principals.get(input.principalId);
  const r = state.resources.get(input.resourceId);
  if (p === undefined || r === undefined || p.status !== 'active') return false;
  const policies: Record<string, string> = {};
  for (const c of state.connections.values()) {
    if (c.expiresAt !== undefined && Date.parse(c.expiresAt) <= NOW) continue;
    const kind = state.principals.get(c.principalId)?.kind ?? 'agent';
    for (const permit of compileConnection(c, kind)) policies[permit.id] = permit.text;
  }
  const published = state.orgPolicySets.get('org_1');
  FORBIDS.forEach((text, i) => {
    if (published?.policies.includes(text)) policies[forbidIds[i]] = text;
  });
  const answer = isAuthorized({
    principal: principalUid(p),
    action: { type: 'Warden::Action', id: input.action },
    resource: resourceUid(r.id),
    context: cedarContext(input),
    policies: { staticPolicies: policies },
    entities: [...state.principals.values()]
      .map(principalEntity)
      .concat([...state.resources.values()].map(resourceEntity)),
  });
  if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
  return answer.response.decision === 'allow';
}

describe('DecisionEngine properties', () => {
  it('Property: the engine (pre-filter, scoped sets, memo) decides exactly as Cedar over the whole policy set, and never allows without a matching live connection operation', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(connectionArb, { maxLength: 5 }),
        fc.subarray(FORBIDS.map((_, i) => i)),
        fc.array(requestArb, { minLength: 1, maxLength: 12 }),
        (connections, forbidIndexes, requests) => {
          const events: PolicyEvent[] = RESOURCES.map(resourceRegistered);
          connections.forEach((c, i) => {
            events.push(
              connectionCreated(`con_${i}`, c.principal, c.resource, {
                operations: c.operations,
                ...(c.minTrust !== undefined && { minTrust: c.minTrust }),
                ...(c.expired && { expiresAt: new Date(NOW - 1).toISOString() }),
              }),
            );
            if (c.revoked) {
              events.push({
                type: 'warden.policy.connection.revoked.v1',
                data: { connectionId: `con_${i}`, orgId: 'org_1', version: 2, previousVersion: 1 },
              });
            }
          });
          if (forbidIndexes.length > 0)
            events.push(policySetPublished(forbidIndexes.map((i) => FORBIDS[i]).join('\n')));
          const state = givenState({ principals: PRINCIPALS, events });
          const forbidIds = FORBIDS.map((text) =>
            orgPolicyId('org_1', 1, /@id\("([^"]+)"\)/.exec(text)?.[1] ?? ''),
          );
          const memoized = new DecisionEngine({ maxStalenessMs: 1_000 });
          const plain = new DecisionEngine({ maxStalenessMs: 1_000, memoEntriesPerSet: 0 });
          try {
            for (const request of [...requests, ...requests]) {
              const aimed =
                request.aim === undefined
                  ? undefined
                  : connections[request.aim % Math.max(1, connections.length)];
              const input = toInput(
                aimed === undefined
                  ? request
                  : {
                      ...request,
                      principalId: aimed.principal,
                      resourceId: aimed.resource,
                      action:
                        (
                          aimed.operations[(request.aim ?? 0) % aimed.operations.length] ??
                          aimed.operations[0]
                        )?.action ?? request.action,
                    },
              );
              const decision = memoized.decide(input, state);
              seen.add(decision.reasons[0]?.code ?? '');
              expect(plain.decide(input, state)).toEqual(decision);
              expect(decision.decision === 'allow').toBe(referenceAllows(state, input, forbidIds));
              if (decision.decision === 'allow') {
                const c = state.connections.get(decision.connectionId ?? '');
                expect(c?.status).toBe('active');
                expect(c?.principalId).toBe(input.principalId);
                expect(c?.resourceId).toBe(input.resourceId);
                expect(
                  c?.operations.some(
                    (o) => o.action === input.action && globToRegExp(o.target).test(input.target),
                  ),
                ).toBe(true);
              }
            }
          } finally {
            memoized.dispose();
            plain.dispose();
          }
        },
      ),
      {
        numRuns: 60,
        // One fixed case guarantees both an allow and an org forbid are reached whatever the seed.
        examples: [
          [
            [
              {
                principal: 'prn_a',
                resource: 'res_x',
                operations: [{ action: 'mcp.tool', target: '*' }],
                minTrust: undefined,
                expired: false,
                revoked: false,
              },
            ],
            [1],
            [
              { ...FIXED_REQUEST, target: 'delete_file' },
              { ...FIXED_REQUEST, target: 'read_file' },
            ],
          ],
          // Forbids guarded on the request's own entities (`resource.kind ==`, `resource.labels.contains`),
          // firing and not firing.
          [
            [
              {
                principal: 'prn_a',
                resource: 'res_x',
                operations: [{ action: 'mcp.tool', target: '*' }],
                minTrust: undefined,
                expired: false,
                revoked: false,
              },
              {
                principal: 'prn_b',
                resource: 'res_x',
                operations: [{ action: 'mcp.tool', target: 'read_*' }],
                minTrust: undefined,
                expired: false,
                revoked: false,
              },
            ],
            [2, 6],
            [
              { ...FIXED_REQUEST, trustScore: 10 },
              { ...FIXED_REQUEST, trustScore: 90 },
              { ...FIXED_REQUEST, principalId: 'prn_b' },
            ],
          ],
        ],
      },
    );
    // The property is not vacuous: the generated cases reach Cedar's allows and forbids.
    expect([...seen]).toEqual(
      expect.arrayContaining(['permitted', 'policy_forbid', 'forbidden', 'no_connection']),
    );
  });
});
