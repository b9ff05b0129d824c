import fc from 'fast-check';
import type { Connection } from '../domain/policy-model';
import { compileConnection } from './compile-connection';
import { isAuthorized } from './cedar-runtime';
import { validateAgainstSchema } from './org-policy-set';
import { globToRegExp } from '../domain/glob';

const base: Connection = {
  id: 'con_1',
  orgId: 'org_1',
  principalId: 'prn_a',
  resourceId: 'res_r',
  version: 3,
  status: 'active',
  failMode: 'closed',
  operations: [
    { action: 'mcp.tool', target: 'read_*' },
    { action: 'http.request', target: 'GET /v1/items/*' },
    { action: 'model.chat', target: 'gpt-4o' },
    { action: 'data.read', target: '*' },
  ],
  minTrust: 40,
};

describe('compileConnection', () => {
  it('Given a connection with four operations at v3, When compiled, Then there is one permit per operation named con_1@v3#opN', () => {
    const permits = compileConnection(base, 'agent');

    expect(permits.map((p) => p.id)).toEqual([
      'con_1@v3#op0',
      'con_1@v3#op1',
      'con_1@v3#op2',
      'con_1@v3#op3',
    ]);
    expect(permits[0]?.text).toBe(
      'permit(principal == Warden::Agent::"prn_a", action == Warden::Action::"mcp.tool", resource == Warden::Resource::"res_r") ' +
        'when { context.target like "read_*" && context.trustScore >= 40 };',
    );
    expect(permits[2]?.text).toContain('context.target == "gpt-4o"');
    expect(permits[3]?.text).toBe(
      'permit(principal == Warden::Agent::"prn_a", action == Warden::Action::"data.read", resource == Warden::Resource::"res_r") when { context.trustScore >= 40 };',
    );
  });

  it.each(['human', 'application', 'agent', 'mcp_server'] as const)(
    'Given a %s principal, When its connection is compiled, Then the permits validate against Warden’s schema',
    (kind) => {
      const permits = compileConnection({ ...base, principalId: 'prn "quoted" \\ id' }, kind);

      expect(validateAgainstSchema(Object.fromEntries(permits.map((p) => [p.id, p.text])))).toEqual([]);
    },
  );

  it('Given a revoked connection, When compiled, Then it yields no permit', () => {
    expect(compileConnection({ ...base, status: 'revoked' }, 'agent')).toEqual([]);
  });

  it('Property: the compiled Cedar `like` and the engine’s glob matcher agree on every target', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '"', '\\', '/', ' ', 'é');
    const text = fc.array(alphabet, { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, text, (glob, rawTarget) => {
        const target = rawTarget.replace(/\*/g, 'a');
        const [permit] = compileConnection(
          { ...base, minTrust: undefined, operations: [{ action: 'mcp.tool', target: glob }] },
          'agent',
        );
        const answer = isAuthorized({
          principal: { type: 'Warden::Agent', id: 'prn_a' },
          action: { type: 'Warden::Action', id: 'mcp.tool' },
          resource: { type: 'Warden::Resource', id: 'res_r' },
          context: { target },
          policies: { staticPolicies: { p: permit?.text ?? '' } },
          entities: [],
        });
        if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
        expect(answer.response.decision === 'allow').toBe(globToRegExp(glob).test(target));
      }),
      { numRuns: 300 },
    );
  });
});
