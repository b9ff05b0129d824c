import { DecisionEngine } from '../engine/decision-engine';
import { PolicySetRejectedError } from '../errors';
import {
  NOW,
  connectionCreated,
  givenState,
  principal,
  resource,
  resourceRegistered,
  toolCall,
} from '../testing/policy-fixtures';
import { simulatePolicySet, type RecordedDecision } from './simulate-policy-set';

const state = givenState({
  principals: [principal('prn_agent'), principal('prn_other')],
  events: [
    resourceRegistered(resource('res_fs')),
    connectionCreated('con_1', 'prn_agent', 'res_fs'),
    connectionCreated('con_2', 'prn_other', 'res_fs', {
      operations: [{ action: 'mcp.tool', target: 'read_*' }],
    }),
  ],
});

function record(engine: DecisionEngine, n: number, principalId: string, tool: string): RecordedDecision {
  const input = toolCall({ principalId, target: tool }, { time: NOW + n * 1_000 });
  return {
    decisionId: `dec_${n}`,
    input,
    outcome: engine.decide(input, { ...state, asOf: input.context.time }).decision,
  };
}

describe('simulatePolicySet', () => {
  const engine = new DecisionEngine({ maxStalenessMs: 1_000 });
  const tools = ['read_file', 'delete_file', 'list_dir', 'delete_file', 'read_file', 'exec', 'delete_file'];
  const recorded = [
    ...tools.map((tool, i) => record(engine, i, 'prn_agent', tool)),
    record(engine, 100, 'prn_other', 'delete_file'),
    record(engine, 101, 'prn_other', 'read_file'),
  ];
  afterAll(() => engine.dispose());

  it('Given recorded decisions, When a draft forbids delete_file, Then exactly the allowed decisions that used delete_file change', () => {
    const report = simulatePolicySet(
      state,
      'org_1',
      '@id("no-delete") forbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "delete_file" };',
      recorded,
    );

    expect(report.replayed).toBe(9);
    expect(report.changedDecisionIds).toEqual(['dec_1', 'dec_3', 'dec_6']);
    expect(report.examples[0]).toMatchObject({
      decisionId: 'dec_1',
      recorded: 'allow',
      simulated: 'deny',
      reasons: [{ code: 'policy_forbid', policyIds: ['org_1/policies@v1#no-delete'] }],
    });
  });

  it('Given the same records, When the draft forbids nothing they used, Then nothing changes', () => {
    const report = simulatePolicySet(
      state,
      'org_1',
      'forbid(principal, action == Warden::Action::"model.chat", resource);',
      recorded,
    );

    expect(report).toEqual({ replayed: 9, changed: 0, changedDecisionIds: [], examples: [] });
  });

  it('Given an invalid draft, When simulated, Then it is rejected with Cedar’s message', () => {
    expect(() =>
      simulatePolicySet(
        state,
        'org_1',
        'forbid(principal, action, resource) when { context.nope };',
        recorded,
      ),
    ).toThrow(PolicySetRejectedError);
  });
});
