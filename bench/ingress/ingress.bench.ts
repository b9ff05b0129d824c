import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, freePort, waitFor } from '@warden/testing';
import { seedAgent, seedModelResource, startIngress } from '../../apps/ingress/test-support/ingress-test-app';

/**
 * `npm run bench:ingress [-- --out file.json] [-- --duration 3]`: the same autocannon load (a non-streamed
 * chat completion) sent (a) directly to a fixed-latency mock upstream, (b) through Warden's ingress with
 * every stage on (key auth, Cedar, shared PostgreSQL rate limit, guardrails in and out, durable records),
 * (c) through Portkey's open-source gateway pointed at the same mock — in one run.
 */
const ROOT = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const DURATION_S = Number(argValue('--duration') ?? '3');
const OUT = argValue('--out');
const SWEEP = [1, 2, 4, 8, 16, 32, 64, 128];
const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
});

interface Run {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rps: number;
  readonly errors: number;
}

interface Target {
  readonly name: 'direct' | 'warden' | 'portkey';
  readonly url: string;
  readonly headers: Record<string, string>;
}

const children: ChildProcess[] = [];

function startChild(
  command: string,
  argv: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

function autocannon(target: Target, connections: number): Promise<Run> {
  const argv = [
    join(ROOT, 'node_modules/autocannon/autocannon.js'),
    '-c',
    String(connections),
    '-d',
    String(DURATION_S),
    '-m',
    'POST',
    '-b',
    BODY,
    '--json',
  ];
  for (const [k, v] of Object.entries({ 'content-type': 'application/json', ...target.headers }))
    argv.push('-H', `${k}=${v}`);
  argv.push(target.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const json = JSON.parse(out) as {
          latency: { p50: number; p99: number };
          requests: { average: number };
          non2xx: number;
          errors: number;
        };
        resolve({
          p50Ms: json.latency.p50,
          p99Ms: json.latency.p99,
          rps: json.requests.average,
          errors: json.non2xx + json.errors,
        });
      } catch (error: unknown) {
        reject(new Error(`autocannon output unreadable: ${String(error)} ${out.slice(0, 200)}`));
      }
    });
  });
}

async function measure(
  target: Target,
): Promise<{ c1: Run; c32: Run; maxRps: number; sweep: Record<number, Run> }> {
  await autocannon(target, 4); // warm-up
  const sweep: Record<number, Run> = {};
  for (const c of SWEEP) {
    sweep[c] = await autocannon(target, c);
    process.stdout.write(
      `${target.name} c=${c}: p50 ${sweep[c].p50Ms} ms, p99 ${sweep[c].p99Ms} ms, ${Math.round(sweep[c].rps)} req/s, errors ${sweep[c].errors}\n`,
    );
  }
  const c1 = sweep[1];
  const c32 = sweep[32];
  const maxRps = Math.max(
    0,
    ...Object.values(sweep)
      .filter((r) => r.p99Ms < 50 && r.errors === 0)
      .map((r) => r.rps),
  );
  return { c1, c32, maxRps, sweep };
}

async function main(): Promise<void> {
  const mock = startChild(
    process.execPath,
    ['-r', './scripts/register.js', 'bench/ingress/mock-upstream-main.ts'],
    { MOCK_LATENCY_MS: process.env.MOCK_LATENCY_MS ?? '20' },
  );
  const port = Number(
    await waitFor(() => /listening (\d+)/.exec(mock.output())?.[1], {
      timeoutMs: 20_000,
      message: 'mock upstream',
    }),
  );
  const mockBase = `http://127.0.0.1:${port}/v1`;

  const portkeyPort = await freePort();
  const portkey = startChild(process.execPath, [
    'node_modules/@portkey-ai/gateway/build/start-server.js',
    `--port=${portkeyPort}`,
  ]);
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${portkeyPort}/`).catch(() => undefined)) !== undefined,
    { timeoutMs: 30_000, message: `portkey: ${portkey.output()}` },
  );

  process.env.MOCK_UPSTREAM_KEY = 'sk-bench';
  const db = await createTestDatabase('warden_bench_ingress');
  // BENCH_BUS=kafka: distributed mode (records on Kafka, acks=all); default: the embedded bus on PostgreSQL.
  const kafka =
    process.env.BENCH_BUS === 'kafka' ? (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092') : undefined;
  const ingress = await startIngress(
    db.url,
    {},
    kafka !== undefined ? `bench${Date.now().toString(36)}.` : '',
    kafka !== undefined ? { KAFKA_BROKERS: kafka } : {},
  );
  try {
    const caller = await seedAgent(ingress.bus);
    await seedModelResource(ingress.bus, [ingress.policy], caller, mockBase, {
      rateLimit: { requestsPerMinute: 10_000_000, tokensPerMinute: 1_000_000_000 },
    });
    await waitFor(
      async () =>
        (
          await fetch(`${ingress.baseUrl}/v1/models`, {
            headers: { authorization: `Bearer ${caller.secret}` },
          })
        ).status === 200,
      { timeoutMs: 20_000 },
    );

    const targets: Target[] = [
      { name: 'direct', url: `${mockBase}/chat/completions`, headers: { authorization: 'Bearer sk-bench' } },
      {
        name: 'warden',
        url: `${ingress.baseUrl}/v1/chat/completions`,
        headers: { authorization: `Bearer ${caller.secret}` },
      },
      {
        name: 'portkey',
        url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
        headers: {
          authorization: 'Bearer sk-bench',
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': mockBase,
        },
      },
    ];
    const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const target of targets) results[target.name] = await measure(target);

    const figures = Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        {
          c1: { p50Ms: r.c1.p50Ms, p99Ms: r.c1.p99Ms },
          c32: { p50Ms: r.c32.p50Ms, p99Ms: r.c32.p99Ms },
          maxRps: Math.round(r.maxRps),
        },
      ]),
    );
    const d = results.direct;
    const w = results.warden;
    const p = results.portkey;
    if (d && w && p) {
      const added = (x: Run, base: Run): { p50: number; p99: number } => ({
        p50: x.p50Ms - base.p50Ms,
        p99: x.p99Ms - base.p99Ms,
      });
      const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : (a / b).toFixed(2));
      const lines = [
        '| | c1 added p50 | c1 added p99 | c32 added p50 | c32 added p99 | max req/s (p99 < 50 ms) |',
        '|---|---|---|---|---|---|',
      ];
      for (const [name, r] of [
        ['warden', w],
        ['portkey', p],
      ] as const) {
        const a1 = added(r.c1, d.c1);
        const a32 = added(r.c32, d.c32);
        lines.push(
          `| ${name} | ${a1.p50} ms | ${a1.p99} ms | ${a32.p50} ms | ${a32.p99} ms | ${Math.round(r.maxRps)} |`,
        );
      }
      lines.push(`| direct | – | – | – | – | ${Math.round(d.maxRps)} |`);
      const wp = added(w.c32, d.c32).p99;
      const pp = added(p.c32, d.c32).p99;
      lines.push(
        '',
        `Warden / Portkey: added p99 at c32 ${ratio(wp, pp)}× (goal ≤ 0.5), throughput ${ratio(w.maxRps, p.maxRps)}× (goal ≥ 2); Warden throughput / direct ${ratio(w.maxRps, d.maxRps)}×.`,
      );
      process.stdout.write(`\n${lines.join('\n')}\n`);
    }
    if (OUT !== undefined) writeFileSync(OUT, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await ingress.close();
    await db.drop();
    for (const child of children) child.kill();
  }
}

main().catch((error: unknown) => {
  for (const child of children) child.kill();
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
