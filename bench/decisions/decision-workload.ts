import { validateOrgPolicySet } from '../../libs/policy-engine/src/cedar/org-policy-set';
import type { OperationAction, PrincipalFacts } from '../../libs/policy-engine/src/domain/policy-model';
import type { DecisionInput } from '../../libs/policy-engine/src/engine/decision-types';
import type { PolicyEvent } from '../../libs/policy-engine/src/projection/policy-events';
import type { PolicyState } from '../../libs/policy-engine/src/projection/policy-state';
import {
  NOW,
  connectionCreated,
  givenState,
  policySetPublished,
  principal,
  resource,
  resourceRegistered,
} from '../../libs/policy-engine/src/testing/policy-fixtures';

/** Deterministic PRNG (mulberry32) so every run measures the same workload. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOOLS = Array.from({ length: 60 }, (_, i) => `tool_${i}`);
const MODELS = Array.from({ length: 20 }, (_, i) => `model-${i}`);
const PATHS = ['GET /v1/items/*', 'POST /v1/orders', 'GET /v1/users/*'];

interface Op {
  readonly action: OperationAction;
  readonly target: string;
}

export interface Workload {
  readonly state: PolicyState;
  readonly connections: number;
  readonly orgPolicies: number;
  /** One request per decision to measure; `i` varies the clock and the cost. */
  request(i: number): DecisionInput;
}

export interface WorkloadOptions {
  readonly seed?: number;
  /**
   * 0 (default): every decision picks one of the 1,000 connections uniformly — the memo's worst case.
   * s > 0: connection popularity follows Zipf(s) (the k-th most used connection is picked ∝ 1/k^s), as
   * agents do: a few agents call a few tools most of the time.
   */
  readonly skew?: number;
}

/** Cumulative Zipf(s) weights over n ranks, for sampling by binary search. */
function zipfCumulative(n: number, s: number): Float64Array {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return cumulative.map((c) => c / total);
}

function sampleRank(cumulative: Float64Array, u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid] < u) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One organization with 400 principals, 60 resources (MCP servers, models, HTTP APIs), 1,000
 * connections of 1–3 operations, and 100 organization forbids of every scope shape: per tool, per
 * model, per principal, per resource, unscoped on findings and labels, and on estimated cost.
 *
 * Each request: a connection (uniform or Zipf, see `skew`), one of its operations, a concrete target
 * inside the operation's glob (10% outside every grant), 1% from an unknown principal, 5% carrying a
 * `pii.email` finding, the principal's trust score (fixed per principal), a cost depending on the
 * action, and a clock advancing 1 ms per request.
 */
export function buildWorkload({ seed = 42, skew = 0 }: WorkloadOptions = {}): Workload {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const principals: PrincipalFacts[] = Array.from({ length: 400 }, (_, i) =>
    principal(`prn_${i}`, {
      kind: i % 10 === 0 ? 'human' : i % 10 === 1 ? 'application' : 'agent',
      attributes: { team: `team_${i % 8}`, labels: i % 5 === 0 ? ['contractor'] : [] },
    }),
  );
  const events: PolicyEvent[] = [];
  const resources = Array.from({ length: 60 }, (_, i) => {
    const kind = i < 30 ? 'mcp_server' : i < 50 ? 'model' : 'http_api';
    const r = resource(`res_${i}`, { kind, attributes: { labels: i % 7 === 0 ? ['pii'] : ['internal'] } });
    events.push(resourceRegistered(r));
    return r;
  });
  const opsOf = new Map<string, readonly Op[]>();
  for (let i = 0; i < 1000; i++) {
    const r = resources[i % resources.length];
    // Distinct principal per connection of a resource: 1,000 pairs, no duplicates.
    const p = principals[(i * 7 + Math.floor(i / resources.length)) % principals.length];
    const ops: Op[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
      if (r.kind === 'mcp_server')
        return { action: 'mcp.tool' as const, target: rnd() < 0.3 ? 'tool_1*' : pick(TOOLS) };
      if (r.kind === 'model')
        return { action: 'model.chat' as const, target: rnd() < 0.5 ? 'model-*' : pick(MODELS) };
      return { action: 'http.request' as const, target: pick(PATHS) };
    });
    const id = `con_${i}`;
    opsOf.set(id, ops);
    events.push(
      connectionCreated(id, p.id, r.id, {
        operations: ops,
        ...(i % 4 === 0 && { minTrust: 40 }),
        ...(i % 9 === 0 && {
          guardrailProfileId: 'grp_default',
          budget: { limit: 100, currency: 'USD', window: 'month' },
        }),
      }),
    );
  }
  const forbids: string[] = [];
  for (let k = 0; k < 40; k++)
    forbids.push(
      `forbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "tool_${20 + k}" && context.trustScore < ${30 + (k % 40)} };`,
    );
  for (let k = 0; k < 20; k++)
    forbids.push(
      `forbid(principal, action == Warden::Action::"model.chat", resource) when { context.model == "model-${k}" && context.findings.contains("pii.email") };`,
    );
  for (let k = 0; k < 15; k++)
    forbids.push(
      `forbid(principal == Warden::Agent::"prn_${k * 13 + 2}", action, resource) when { context.findings.contains("secret") };`,
    );
  for (let k = 0; k < 10; k++)
    forbids.push(
      `forbid(principal, action, resource == Warden::Resource::"res_${k * 6}") when { context.time.hourUtc < 6 };`,
    );
  for (let k = 0; k < 10; k++)
    forbids.push(
      `forbid(principal, action, resource) when { resource.labels.contains("pii") && principal.labels.contains("contractor") && context.findings.contains("f${k}") };`,
    );
  for (let k = 0; k < 5; k++)
    forbids.push(
      `forbid(principal, action == Warden::Action::"model.chat", resource) when { context.estimatedCostMicros > ${(k + 1) * 5_000_000} && principal.hasTag("team") && principal.getTag("team") == "team_${k}" };`,
    );
  // Fails fast if the benchmark's own policies stop validating against the schema.
  validateOrgPolicySet(forbids.join('\n'));
  events.push(policySetPublished(forbids.join('\n')));
  const state = givenState({ principals, events });

  const connections = [...state.connections.values()];
  // Popularity ranks are a fixed shuffle of the connections, so the popular ones are not all con_0…
  const ranked = connections
    .map((c, i) => ({ c, order: random(seed + i)() }))
    .sort((a, b) => a.order - b.order)
    .map((x) => x.c);
  const cumulative = skew > 0 ? zipfCumulative(ranked.length, skew) : undefined;
  return {
    state,
    connections: connections.length,
    orgPolicies: forbids.length,
    request(i: number): DecisionInput {
      const c =
        cumulative === undefined
          ? connections[Math.floor(rnd() * connections.length)]
          : ranked[sampleRank(cumulative, rnd())];
      const op = pick(opsOf.get(c.id) ?? []);
      const miss = rnd() < 0.1;
      const concrete = op.target.replace(
        '*',
        op.action === 'http.request' ? String(Math.floor(rnd() * 5)) : String(Math.floor(rnd() * 3)),
      );
      const target = miss
        ? op.action === 'model.chat'
          ? 'other-model'
          : op.action === 'mcp.tool'
            ? 'tool_unlisted'
            : 'DELETE /v1/items/1'
        : concrete;
      return {
        principalId: rnd() < 0.01 ? 'prn_unknown' : c.principalId,
        resourceId: c.resourceId,
        action: op.action,
        target,
        context: {
          time: NOW + i,
          // A trust score belongs to the principal and moves slowly; here it is fixed per principal.
          trustScore: [35, 50, 80, 95][Number(c.principalId.slice(4)) % 4],
          estimatedCost: op.action === 'model.chat' ? pick([0.002, 0.01, 0.5]) : 0,
          findings: rnd() < 0.05 ? ['pii.email'] : [],
        },
      };
    },
  };
}
