/**
 * `npm run bench:decisions`: in-process decision latency of the policy engine (issue 4, item 3).
 * 1,000 connections, 100 organization policies, 10,000 measured decisions, each timed around
 * `engine.decide` — which builds the Cedar entities and context. A bare Cedar call on a trivial policy
 * is measured in the same run as the baseline.
 */
import { preparsePolicySet, statefulIsAuthorized } from '../../libs/policy-engine/src/cedar/cedar-runtime';
import { DecisionEngine } from '../../libs/policy-engine/src/engine/decision-engine';
import type { DecisionInput } from '../../libs/policy-engine/src/engine/decision-types';
import { cpus, loadavg } from 'node:os';
import { buildWorkload } from './decision-workload';

const DECISIONS = 10_000;
const WARM_UP = 30_000;

interface Stats {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1_000;
}

function fmt(s: Stats): string {
  return `p50 ${s.p50.toFixed(1).padStart(7)} µs   p99 ${s.p99.toFixed(1).padStart(7)} µs   mean ${s.mean.toFixed(1).padStart(7)} µs`;
}

function main(): void {
  const workload = buildWorkload();
  const requests: DecisionInput[] = Array.from({ length: WARM_UP + DECISIONS }, (_, i) =>
    workload.request(i),
  );
  const warmup = requests.slice(0, WARM_UP);
  const measured = requests.slice(WARM_UP);

  // Baseline: one bare Cedar call on a trivial pre-parsed policy, one principal and one resource entity.
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
  const baseline = stats(Array.from({ length: DECISIONS }, () => time(() => statefulIsAuthorized(bare))));

  // Every decision through Cedar (memo off): the cost of a request shape seen for the first time.
  const cold = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY, memoEntriesPerSet: 0 });
  for (const r of warmup.slice(0, DECISIONS)) cold.decide(r, workload.state);
  const coldBefore = cold.stats();
  const outcomes = new Map<string, number>();
  const coldStats = stats(
    measured.map((r) =>
      time(() => {
        const d = cold.decide(r, workload.state);
        outcomes.set(d.decision, (outcomes.get(d.decision) ?? 0) + 1);
      }),
    ),
  );
  const coldAfter = cold.stats();
  cold.dispose();

  // Steady state (memo on): the engine after it has seen the workload's request shapes.
  const warm = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY });
  for (const r of warmup) warm.decide(r, workload.state);
  const warmBefore = warm.stats();
  const withoutCedar: number[] = [];
  const withCedar: number[] = [];
  const warmSamples = measured.map((r) => {
    const calls = warm.stats().cedarCalls;
    const elapsed = time(() => warm.decide(r, workload.state));
    (warm.stats().cedarCalls === calls ? withoutCedar : withCedar).push(elapsed);
    return elapsed;
  });
  const warmStats = stats(warmSamples);
  const warmAfter = warm.stats();
  warm.dispose();

  // First contact: a fresh engine, memo on, no warm-up (pre-parsing of policy sets included).
  const fresh = new DecisionEngine({ maxStalenessMs: Number.POSITIVE_INFINITY });
  const freshStats = stats(measured.map((r) => time(() => fresh.decide(r, workload.state))));
  fresh.dispose();

  const ratio = (s: Stats): string =>
    `${(s.p50 / baseline.p50).toFixed(2)}× / ${(s.p99 / baseline.p99).toFixed(2)}×`;
  const lines = [
    `decision engine: ${workload.connections} connections, ${workload.orgPolicies} organization policies, ${DECISIONS} decisions each`,
    `outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `baseline  bare Cedar statefulIsAuthorized, trivial policy:   ${fmt(baseline)}`,
    `engine    steady state (memo on, after warm-up):            ${fmt(warmStats)}   vs baseline p50/p99 ${ratio(warmStats)}`,
    `engine    every decision through Cedar (memo off):          ${fmt(coldStats)}   vs baseline p50/p99 ${ratio(coldStats)}`,
    `engine    first contact (fresh engine, incl. pre-parsing):  ${fmt(freshStats)}   vs baseline p50/p99 ${ratio(freshStats)}`,
    `memo off: ${coldAfter.cedarCalls - coldBefore.cedarCalls} of ${DECISIONS} decisions reached Cedar (the rest were settled before it), ` +
      `${coldAfter.meanPoliciesPerSet.toFixed(1)} policies per prepared set on average (${coldAfter.preparedSets} sets)`,
    `steady state (after ${WARM_UP} warm-up decisions): ${warmAfter.cedarCalls - warmBefore.cedarCalls} Cedar calls, ` +
      `${warmAfter.memoHits - warmBefore.memoHits} memo hits over ${DECISIONS} decisions`,
    `  of which answered without Cedar (memo or pre-filter), ${withoutCedar.length}: ${fmt(stats(withoutCedar))}`,
    `  of which reached Cedar, ${withCedar.length}: ${withCedar.length > 0 ? fmt(stats(withCedar)) : 'none'}`,
    `machine load average (1 min) at the end: ${loadavg()[0]?.toFixed(2) ?? '?'} on ${cpus().length} CPUs`,
    `goal p99 ≤ 50 µs (steady state): ${warmStats.p99 <= 50 ? 'met' : 'NOT met'}`,
  ];
  for (const line of lines) console.log(line);
}

main();
