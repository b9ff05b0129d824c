/**
 * The HTTP half of the decision benchmark (issue 4, item 3): `npm run bench:decisions:http`.
 *
 * The policy service runs in a CHILD process (decision-server.process.ts: PostgreSQL, embedded bus, 1,000
 * connections, 100 organization forbids); autocannon drives it from this process at concurrency 32. After a
 * warm-up, the same run measures a baseline — GET /healthz on the same server, the cost of the HTTP stack
 * (Fastify + Nest + the platform hooks) with no work — and then POST /v1/decisions, and prints both and
 * their ratio, and the server's CPU time per request (user + system, read from the server process): on a
 * shared machine, where throughput moves with the neighbours' load, that is the steadier figure to compare.
 * BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS override the defaults;
 * BENCH_CPU_PROF=<dir> runs the server under `node --cpu-prof` and writes its profile there; BENCH_BUS=kafka
 * runs it in distributed mode (projection fed and decisions recorded on Kafka at KAFKA_BROKERS, default
 * 127.0.0.1:9092) instead of on the embedded bus.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { ServerReady } from './decision-server.process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONCURRENCY = 32;
const GOAL_PER_SECOND = 5_000;

function startServer(): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(join(__dirname, 'decision-server.process.ts'), [], {
    execArgv: [
      '-r',
      join(__dirname, '..', '..', 'scripts', 'register.js'),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`decision server exited with ${code} before it was ready`)),
    );
    child.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'ready' in message) {
        resolve({ child, ready: (message as { ready: ServerReady }).ready });
      }
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send({ stop: true });
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

interface Cpu {
  readonly total: number;
  readonly system: number;
}

function serverCpuMicros(child: ChildProcess): Promise<Cpu> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      if (typeof message === 'object' && message !== null && 'cpu' in message) {
        child.off('message', onMessage);
        const { user, system } = (message as { cpu: NodeJS.CpuUsage }).cpu;
        resolve({ total: user + system, system });
      }
    };
    child.on('message', onMessage);
    child.send({ cpu: true });
  });
}

interface Run {
  readonly perSecond: number;
  readonly total: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function drive(options: autocannon.Options): Promise<Run> {
  const result = await autocannon({ connections: CONCURRENCY, ...options });
  return {
    perSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function line(label: string, run: Run, cpu: Cpu): string {
  const per = (micros: number): string => (micros / Math.max(1, run.total)).toFixed(0);
  return (
    `${label.padEnd(22)} ${run.perSecond.toFixed(0).padStart(6)} req/s   latency ms p50 ${run.p50} · p90 ${run.p90} · ` +
    `p99 ${run.p99} · max ${run.max}   errors ${run.errors}, non-2xx ${run.non2xx}   ` +
    `server CPU ${per(cpu.total)} µs/request (system ${per(cpu.system)})`
  );
}

/** Runs `drive` and measures the server CPU time it cost. */
async function measured(child: ChildProcess, drive: () => Promise<Run>): Promise<{ run: Run; cpu: Cpu }> {
  const before = await serverCpuMicros(child);
  const run = await drive();
  const after = await serverCpuMicros(child);
  return { run, cpu: { total: after.total - before.total, system: after.system - before.system } };
}

async function main(): Promise<void> {
  const { child, ready } = await startServer();
  try {
    process.stdout.write(
      `server (pid ${child.pid}) seeded ${ready.connections} connections, ${ready.agents} agents, ` +
        `${ready.orgPolicies} org policies in ${ready.seedMs} ms\n`,
    );
    const requests = ready.keys.flatMap((key, i) =>
      [0, 1, 2].map((j) => ({
        method: 'POST' as const,
        path: '/v1/decisions',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceId: ready.resourceId,
          action: 'mcp.tool',
          target: `tool_${(i + j * ready.agents) % 60}`,
          arguments: { path: `/srv/f${j}` },
        }),
      })),
    );
    let cursor = 0;
    const outcomes = new Map<string, number>();
    const decisions = (duration: number, count: boolean): Promise<Run> =>
      drive({
        url: ready.baseUrl,
        duration,
        requests: [
          {
            setupRequest: (request) => {
              const next = requests[cursor++ % requests.length];
              return next ? { ...request, ...next } : request;
            },
            ...(count && {
              onResponse: (status: number, body: string) => {
                const decision =
                  status === 200
                    ? ((JSON.parse(body) as { decision?: string }).decision ?? 'none')
                    : `http_${status}`;
                outcomes.set(decision, (outcomes.get(decision) ?? 0) + 1);
              },
            }),
          },
        ],
      });
    const health = (duration: number): Promise<Run> => drive({ url: `${ready.baseUrl}/healthz`, duration });

    await health(WARMUP_SECONDS);
    await decisions(WARMUP_SECONDS, false);
    const baseline = await measured(child, () => health(SECONDS));
    const decided = await measured(child, () => decisions(SECONDS, true));
    const ratio = decided.run.perSecond / baseline.run.perSecond;
    process.stdout.write(
      [
        `concurrency ${CONCURRENCY}, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up of each route; server in its own process, load generator here`,
        line('baseline GET /healthz', baseline.run, baseline.cpu),
        line('POST /v1/decisions', decided.run, decided.cpu),
        `decisions/s vs /healthz req/s: ${(ratio * 100).toFixed(0)} % · p99 ${decided.run.p99} ms vs ${baseline.run.p99} ms`,
        `decision outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`,
        `machine load average (1 min) at the end: ${loadavg()[0]?.toFixed(2) ?? '?'} on ${cpus().length} CPUs (shared)`,
        `goal ≥ ${GOAL_PER_SECOND} decisions/s: ${decided.run.perSecond >= GOAL_PER_SECOND ? 'met' : 'NOT met on this machine'}`,
      ].join('\n') + '\n',
    );
  } finally {
    await stopServer(child);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
