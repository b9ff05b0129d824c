import { EventSchemaRegistry } from '@warden/contracts';
import { buildRecords } from './build-records';
import { recordMessages } from './bus-record-sink';
import { CALLER, RESOURCE, T0, chatRequest } from '../../test-support/in-memory-ports';
import type { PipelineContext } from '../pipeline/ingress-request';

describe('request records', () => {
  const registry = new EventSchemaRegistry();
  const allowed: PipelineContext = {
    request: chatRequest({ workflowId: 'wf_1' }),
    decisionId: 'dec_abc',
    caller: CALLER,
    resource: RESOURCE,
    decision: {
      decision: 'allow',
      reasons: [{ code: 'permitted', message: 'ok', policyIds: ['con_1@v1#op0'] }],
      obligations: {},
      policyVersion: 'org_1/policies@v0+con_1@v1',
      connectionId: 'con_1',
    },
    rateLimit: { enforced: true, requestsPerMinute: 10 },
    budget: { enforced: false, reason: 'metering_not_deployed' },
    inputGuardrail: { action: 'allow', findingTypes: [], profile: 'default' },
    trace: [{ stage: 'authenticate', status: 'passed' }],
  };

  it('Given an allowed call that reached the upstream, When built, Then a decision and a usage event are produced and both match their schemas', () => {
    const records = buildRecords(
      allowed,
      {
        completion: 'completed',
        upstreamStatus: 200,
        usage: { inputTokens: 3, outputTokens: 4, source: 'upstream' },
        latencyMs: 5,
      },
      new Date(T0.getTime() + 12),
    );
    const messages = recordMessages(records, T0);

    expect(messages.map((m) => m.event.type)).toEqual([
      'warden.decisions.decision.recorded.v1',
      'warden.decisions.usage.recorded.v1',
    ]);
    for (const { event } of messages) expect(registry.validate(event)).toEqual({ ok: true });
    expect(messages.map((m) => m.key)).toEqual(['dec_abc', 'dec_abc']);
    expect(records.decision.durationMs).toBe(12);
    expect(records.usage?.totalTokens).toBe(7);
    expect(JSON.stringify(messages)).not.toContain('Say hello');
  });

  it('Given an unauthenticated request, When built, Then one schema-valid decision record with the placeholder organization and no usage', () => {
    const records = buildRecords(
      {
        request: chatRequest({ apiKey: 'wk_bad' }),
        decisionId: 'dec_x',
        denial: { code: 'unauthenticated', message: 'no' },
        trace: [{ stage: 'authenticate', status: 'denied' }],
      },
      undefined,
      T0,
    );
    const messages = recordMessages(records, T0);
    expect(messages).toHaveLength(1);
    expect(registry.validate(messages[0]?.event)).toEqual({ ok: true });
    expect(messages[0]?.event.orgid).toBe('org_unauthenticated');
    expect(records.decision).toMatchObject({ outcome: 'deny', reasonCode: 'unauthenticated' });
  });
});
