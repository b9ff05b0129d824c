import {
  CALLER,
  GOOD_KEY,
  T0,
  chatRequest,
  fakePorts,
  type FakePorts,
} from '../../test-support/in-memory-ports';
import { IngressPipeline } from './ingress-pipeline';
import { PIPELINE_STAGES } from './pipeline-stages';
import type { UpstreamExchange } from './ports/upstream-exchange';

const answered: UpstreamExchange = async () => ({
  completion: 'completed',
  upstreamStatus: 200,
  usage: { inputTokens: 5, outputTokens: 7, source: 'upstream' },
  outputGuardrail: { action: 'allow', findingTypes: [], profile: 'test' },
  latencyMs: 10,
});

function pipeline(ports: FakePorts): IngressPipeline {
  let n = 0;
  return new IngressPipeline(ports, {
    upstreamTimeoutMs: 1_000,
    clock: () => T0,
    newDecisionId: () => `dec_${++n}`,
  });
}

describe('IngressPipeline', () => {
  it('Given an allowed chat call, When it runs with an upstream, Then every stage passes in order and one decision and one usage record are written', async () => {
    const ports = fakePorts();
    const outcome = await pipeline(ports).run(chatRequest(), answered);

    expect(outcome.denial).toBeUndefined();
    expect(ports.records.records).toHaveLength(1);
    const [records] = ports.records.records;
    expect(records?.decision.stages.map((s) => s.stage)).toEqual([...PIPELINE_STAGES]);
    expect(records?.decision).toMatchObject({
      outcome: 'allow',
      reasonCode: 'permitted',
      connectionId: 'con_1',
      mode: 'proxy',
    });
    expect(records?.usage).toMatchObject({
      inputTokens: 5,
      outputTokens: 7,
      totalTokens: 12,
      tokenSource: 'upstream',
      completion: 'completed',
    });
    expect(records?.orgId).toBe(CALLER.organizationId);
  });

  it('Given no metering, When a call passes, Then the budget stage passes and says so in the record', async () => {
    const ports = fakePorts();
    await pipeline(ports).run(chatRequest(), answered);

    const decision = ports.records.records[0]?.decision;
    expect(decision?.budget).toEqual({ enforced: false, reason: 'metering_not_deployed' });
    expect(decision?.stages.find((s) => s.stage === 'reserve_budget')?.status).toBe('not_enforced');
  });

  it('Given a bad key, When it runs, Then it stops at authenticate with unauthenticated and writes no usage record', async () => {
    const ports = fakePorts();
    let called = false;
    const outcome = await pipeline(ports).run(chatRequest({ apiKey: 'wk_bad' }), async () => {
      called = true;
      return answered({} as never);
    });

    expect(outcome.denial?.code).toBe('unauthenticated');
    expect(called).toBe(false);
    expect(ports.records.records[0]?.usage).toBeUndefined();
    expect(ports.records.records[0]?.decision.stages).toEqual([
      { stage: 'authenticate', status: 'denied' },
      { stage: 'record', status: 'passed' },
    ]);
  });

  it('Given the same request, When sent to the decision API and to the proxy, Then the decisions are identical but for mode', async () => {
    const ports = fakePorts();
    const p = pipeline(ports);
    await p.run(chatRequest({ surface: 'decision_api' }));
    await p.run(chatRequest(), answered);

    const [viaApi, viaProxy] = ports.records.records.map((r) => r.decision);
    const { decisionId: _a, mode: modeA, stages: stagesA, ...api } = viaApi ?? ({} as never);
    const {
      decisionId: _b,
      mode: modeB,
      stages: stagesB,
      upstreamStatus: _s,
      guardrails: _g,
      surface: _x,
      ...proxy
    } = viaProxy ?? ({} as never);
    expect({ ...api, surface: undefined }).toEqual({
      ...proxy,
      surface: undefined,
      guardrails: api.guardrails,
    });
    expect([modeA, modeB]).toEqual(['decision_api', 'proxy']);
    expect(stagesB.slice(0, 6)).toEqual(stagesA.slice(0, 6));
    expect(ports.records.records[0]?.usage).toBeUndefined();
  });

  it('Given a connection limited to 2 requests/min, When a third call comes, Then it is rate_limited', async () => {
    const ports = fakePorts();
    const p = pipeline(ports);
    await p.run(chatRequest(), answered);
    await p.run(chatRequest(), answered);
    const third = await p.run(chatRequest(), answered);

    expect(third.denial).toMatchObject({
      code: 'rate_limited',
      detailCode: 'requests_per_minute',
      retryAfterSeconds: 60,
    });
  });

  it('Given blocked input, When it runs, Then guardrail_blocked stops it before the upstream and the record holds finding types only', async () => {
    const ports = fakePorts();
    const outcome = await pipeline(ports).run(chatRequest({ inputText: 'please BLOCKME now' }), answered);

    expect(outcome.denial?.code).toBe('guardrail_blocked');
    const text = JSON.stringify(ports.records.records[0]);
    expect(text).toContain('test.block');
    expect(text).not.toContain('please BLOCKME now');
  });

  it('Given a policy denial, When it runs, Then forbidden carries the engine reason and policy version', async () => {
    const ports = fakePorts();
    ports.authorizer.next = {
      decision: 'deny',
      reasons: [{ code: 'trust_too_low', message: 'trust score 10 is below 50' }],
      obligations: {},
      policyVersion: 'org_1/policies@v0+con_1@v1',
      connectionId: 'con_1',
    };
    const outcome = await pipeline(ports).run(chatRequest(), answered);

    expect(outcome.denial).toMatchObject({ code: 'forbidden', detailCode: 'trust_too_low' });
    expect(ports.records.records[0]?.decision).toMatchObject({
      outcome: 'deny',
      policyVersion: 'org_1/policies@v0+con_1@v1',
    });
  });

  it('Given the rate-limit state is unavailable, When it runs, Then it fails closed', async () => {
    const ports = fakePorts();
    ports.rateLimiter.unavailable = true;
    const outcome = await pipeline(ports).run(chatRequest(), answered);
    expect(outcome.denial?.code).toBe('unavailable');
  });

  it('Given a stage that throws, When it runs, Then the request is denied, not let through', async () => {
    const ports = fakePorts();
    ports.authorizer.authorize = () => {
      throw new Error('engine exploded');
    };
    const outcome = await pipeline(ports).run(chatRequest(), answered);
    expect(outcome.denial).toMatchObject({ code: 'unavailable' });
    expect(outcome.denial?.message).toContain('authorize failed');
  });

  it('Given an allowed call, When the upstream is called, Then it gets the injected credential and the usage is settled', async () => {
    const ports = fakePorts();
    let credential: string | undefined;
    await pipeline(ports).run(chatRequest({ apiKey: GOOD_KEY }), async (call) => {
      credential = call.credential;
      return answered(call);
    });
    expect(credential).toBe('sk-upstream');
    expect(ports.budget.settled).toEqual([12]);
  });

  it('Given an upstream that throws, When it runs, Then upstream_error is recorded with a usage record of what was measured', async () => {
    const ports = fakePorts();
    const outcome = await pipeline(ports).run(chatRequest(), async () => {
      throw new Error('connection refused');
    });
    expect(outcome.denial?.code).toBe('upstream_error');
    expect(ports.records.records[0]?.usage).toMatchObject({
      completion: 'upstream_failed',
      tokenSource: 'none',
    });
  });
});
