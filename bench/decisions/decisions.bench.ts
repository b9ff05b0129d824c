/**
 * `npm run bench:decisions`: in-process decision latency of the policy engine (issue 4, item 3).
 * 1,000 connections, 100 organization policies, 10,000 measured decisions per phase, each timed around
 * `engine.decide` — which builds the Cedar context and entities. Each steady-state decision is
 * classified by what answered it: the pre-filter (denied before Cedar), the memo (Cedar's earlier
 * answer), or a Cedar call. A bare Cedar call on a trivial policy is measured in the same run as the
 * baseline. The workload is described in decision-workload.ts.
 */
import { preparsePolicySet, statefulIsAuthorized } from '../../libs/policy-engine/src/cedar/cedar-runtime';
import { DecisionEngine } from '../../libs/policy-engine/src/engine/decision-engine';
import type { DecisionInput } from '../../libs/policy-engine/src/engine/decision-types';
import { cpus, loadavg } from 'node:os';
import { buildWorkload, type Workload } from './decision-workload';
import { formatLatency, latency, timeMicros, withGcTally, type Latency } from './latency';

const DECISIONS = 10_000;
const WARM_UP = 30_000;
const ZIPF_SKEW = 1;

interface Steady {
  readonly overall: Latency;
  readonly preFilter: Latency;
  readonly memo: Latency;
  readonly cedar: Latency;
  readonly prepare: Latency;
  readonly slowestPercentCedar: number;
}

function requestsOf(workload: Workload): { warmup: DecisionInput[]; measured: DecisionInput[] } {
  const all = Array.from({ length: WARM_UP + DECISIONS }, (_, i) => workload.request(i));
  return { warmup: all.slice(0, WARM_UP), measured: all.slice(WARM_UP) };
}

function baseline(): Latency {
  preparsePolicySet('bench-baseline', { staticPolicies: { p: 'permit(principal, action, resource);' } });
  const bare = {
    principal: { type: 'Warden::Agent', id: 'prn_0' },
    action: { type: 'Warden::Action', id: 'mcp.tool' },
    resource: { type: 'Warden::Resource', id: 'res_0' },
    context: {},
    entities: [
      { uid: { type: 'Warden::Agent', id: 'prn_0' }, attrs: {}, parents: [] },
      { uid: { type: 'Warden::Resource', id: 'res_0' }, attrs: {}, parents: [] },
    ],
    preparsedPolicySetId: 'bench-baseline',
  };
  for (let i = 0; i < 2_000; i++) statefulIsAuthorized(bare);
  return latency(Array.from({ length: DECISIONS }, () => timeMicros(() => statefulIsAuthorized(bare))));
}

/** The engine after `warmup`, measured on `measured`, each decision classified by what answered it. */
function steady(engine: DecisionEngine, workload: Workload, measured: readonly DecisionInput[]): Steady {
  const samples: { micros: number; by: 'preFilter' | 'memo' | 'cedar' | 'prepare' }[] = [];
  for (const request of measured) {
    const before = engine.stats();
    const micros = timeMicros(() => engine.decide(request, workload.state));
    const after = engine.stats();
    const by =
      after.preparations !== before.preparations
        ? 'prepare'
        : after.cedarCalls !== before.cedarCalls
          ? 'cedar'
          : after.memoHits !== before.memoHits
            ? 'memo'
            : 'preFilter';
    samples.push({ micros, by });
  }
  const of = (by: string): Latency => latency(samples.filter((s) => s.by === by).map((s) => s.micros));
  const slowest = [...samples].sort((a, b) => b.micros - a.micros).slice(0, Math.ceil(samples.length / 100));
  return {
    overall: latency(samples.map((s) => s.micros)),
    preFilter: of('preFilter'),
    memo: of('memo'),
    cedar: of('cedar'),
    prepare: of('prepare'),
    slowestPercentCedar: slowest.filter((s) => s.by === 'cedar' || s.by === 'prepare').length,
  };
}

async function steadyPhase(label: string, workload: Workload): Promise<string[]> {
  const { warmup, measured } = requestsOf(workload);
  const engine = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY });
  for (const r of warmup) engine.decide(r, workload.state);
  const { result, gc } = await withGcTally(() => steady(engine, workload, measured));
  const stats = engine.stats();
  engine.dispose();
  return [
    `${label}, steady state (memo on, after ${WARM_UP} warm-up decisions):`,
    `  all decisions                  ${formatLatency(result.overall)}`,
    `  memo hits (no Cedar call)      ${formatLatency(result.memo)}`,
    `  Cedar call on a prepared set   ${formatLatency(result.cedar)}`,
    `  new shape: set pre-parsed too  ${formatLatency(result.prepare)}`,
    `  denied before Cedar            ${formatLatency(result.preFilter)}`,
    `  slowest 1%: ${result.slowestPercentCedar} of ${Math.ceil(DECISIONS / 100)} reached Cedar; ` +
      `GC during the phase: ${gc.pauses} pauses, ${gc.totalMs.toFixed(1)} ms in all, longest ${gc.maxMs.toFixed(2)} ms; ` +
      `${stats.preparedSets} prepared sets, ${stats.meanPoliciesPerSet.toFixed(1)} policies each on average`,
  ];
}

async function main(): Promise<void> {
  const uniform = buildWorkload();
  const { warmup, measured } = requestsOf(uniform);
  const bare = baseline();

  // Every decision through Cedar (memo off) on sets already prepared: the evaluation cost alone.
  const cold = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY, memoEntriesPerSet: 0 });
  for (const r of measured) cold.decide(r, uniform.state);
  const outcomes = new Map<string, number>();
  const coldBefore = cold.stats();
  const coldSamples = measured.map((r) =>
    timeMicros(() => {
      const d = cold.decide(r, uniform.state);
      outcomes.set(d.decision, (outcomes.get(d.decision) ?? 0) + 1);
    }),
  );
  const coldAfter = cold.stats();
  cold.dispose();

  // First contact: a fresh engine, memo on, no warm-up (pre-parsing of policy sets included).
  const fresh = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY });
  const freshStats = latency(measured.map((r) => timeMicros(() => fresh.decide(r, uniform.state))));
  fresh.dispose();
  void warmup;

  const lines = [
    `decision engine: ${uniform.connections} connections, ${uniform.orgPolicies} organization policies, ${DECISIONS} measured decisions per phase`,
    `outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `baseline: bare Cedar statefulIsAuthorized, trivial policy, 2 bare entities:   ${formatLatency(bare)}`,
    `every decision through Cedar (memo off, sets prepared):                      ${formatLatency(latency(coldSamples))}`,
    `  ${coldAfter.cedarCalls - coldBefore.cedarCalls} of ${DECISIONS} reached Cedar, ` +
      `${coldAfter.meanPoliciesPerSet.toFixed(1)} policies per prepared set on average (${coldAfter.preparedSets} sets)`,
    `first contact (fresh engine, incl. pre-parsing each new set):                ${formatLatency(freshStats)}`,
    ...(await steadyPhase('uniform workload (every connection equally likely)', uniform)),
    ...(await steadyPhase(
      `agent workload (connection popularity Zipf s=${ZIPF_SKEW})`,
      buildWorkload({ skew: ZIPF_SKEW }),
    )),
    `machine load average (1 min) at the end: ${loadavg()[0]?.toFixed(2) ?? '?'} on ${cpus().length} CPUs`,
  ];
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
