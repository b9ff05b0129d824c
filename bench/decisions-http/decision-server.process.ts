/**
 * The server half of `npm run bench:decisions:http`, in its own process so that the load generator never
 * shares an event loop with it: the policy service on PostgreSQL with its decision projection fed from the
 * embedded bus (or Kafka with BENCH_BUS=kafka), seeded with the benchmark's connections and organization policies. Sends
 * `{ ready: { baseUrl, keys, resourceId, seedMs } }` to its parent over IPC, answers `{ cpu: true }` with
 * `{ cpu: process.cpuUsage() }` (the CPU time this server spent), and closes on `{ stop: true }`.
 */
import { waitFor } from '@warden/testing';
import { startPolicyApp, type PolicyTestApp } from '../../apps/policy/test/policy-test-app';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1000);
const AGENTS = 20;
export const ORG_POLICIES = 100;

export interface ServerReady {
  readonly baseUrl: string;
  readonly keys: readonly string[];
  readonly resourceId: string;
  readonly connections: number;
  readonly agents: number;
  readonly orgPolicies: number;
  readonly seedMs: number;
}

function orgPolicies(): string {
  return Array.from(
    { length: ORG_POLICIES },
    (_, i) =>
      `@id("forbid-${i}")\nforbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "blocked_${i}" };`,
  ).join('\n');
}

async function seed(app: PolicyTestApp): Promise<{ keys: string[]; resourceId: string }> {
  const org = await app.seed.organization('Bench');
  const owner = await app.seed.principal(org, 'human', ['owner']);
  const agents = await Promise.all(Array.from({ length: AGENTS }, () => app.seed.principal(org, 'agent')));
  const profileId = await app.guardrails.profile(org, 'bench');
  await waitFor(
    () =>
      agents.every((a) => app.projection.auth.principal(a.id)) &&
      app.projection.auth.principal(owner.id) &&
      app.projection.guardrailProfiles.has(org, profileId),
    { timeoutMs: 60_000 },
  );
  const resource = await app.call('POST', `/v1/orgs/${org}/resources`, {
    token: owner.key,
    body: { kind: 'mcp_server', name: 'tools', upstream: { baseUrl: 'https://tools.example.test' } },
  });
  const resourceId = (resource.body as { id: string }).id;
  let last = '';
  for (let i = 0; i < CONNECTIONS; i++) {
    const agent = agents[i % AGENTS];
    if (agent === undefined) throw new Error('no agent');
    const created = await app.call('POST', `/v1/orgs/${org}/connections`, {
      token: owner.key,
      body: {
        principalId: agent.id,
        resourceId,
        operations: [
          { action: 'mcp.tool', target: `tool_${i % 60}*`, constraints: { path: { prefix: '/srv/' } } },
        ],
        guardrailProfileId: profileId,
      },
    });
    if (created.status !== 201) throw new Error(`connection ${i}: ${created.status} ${created.text}`);
    last = (created.body as { id: string }).id;
  }
  const published = await app.call('PUT', `/v1/orgs/${org}/policies`, {
    token: owner.key,
    body: { policies: orgPolicies() },
  });
  if (published.status !== 200) throw new Error(`policies: ${published.status} ${published.text}`);
  await waitFor(
    () =>
      app.projection.state.connections.has(last) &&
      app.projection.state.orgPolicySets.get(org)?.version === 1,
    { timeoutMs: 120_000 },
  );
  return { keys: agents.map((a) => a.key), resourceId };
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('decision-server.process runs as a child of decisions-http.bench (IPC)');
  // BENCH_BUS=kafka: distributed mode (projection fed and decisions recorded on Kafka, acks=all);
  // default: the embedded bus on PostgreSQL.
  const kafka: Record<string, string> =
    process.env.BENCH_BUS === 'kafka'
      ? {
          KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
          WARDEN_TOPIC_PREFIX: `benchdec${Date.now().toString(36)}.`,
        }
      : {};
  const app = await startPolicyApp(
    { LOG_LEVEL: 'warn', ...kafka },
    { heartbeatMs: 500, idleMs: 200, maxStalenessMs: 10_000 },
  );
  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await app.close();
    process.exit(0);
  };
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    if ('stop' in message) void close();
    if ('cpu' in message) send({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => void close());
  try {
    const started = Date.now();
    const { keys, resourceId } = await seed(app);
    const ready: ServerReady = {
      baseUrl: app.baseUrl,
      keys,
      resourceId,
      connections: CONNECTIONS,
      agents: AGENTS,
      orgPolicies: ORG_POLICIES,
      seedMs: Date.now() - started,
    };
    send({ ready });
  } catch (error) {
    await app.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`decision server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
