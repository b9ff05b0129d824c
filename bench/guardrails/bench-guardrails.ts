/**
 * Latency of the full input and output profiles in ms per KB over the development texts, with a
 * baseline (NFKC + lowercase over the same texts) measured in the same run.
 *
 *   npm run bench:guardrails -- [--data <dir>] [--rounds 5] [--out <file>]
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_PROFILE, scan } from '../../libs/detectors/src';
import { loadJsonl } from '../../scripts/eval-guardrails/dataset';
import { writeJson } from '../../scripts/eval-guardrails/write-json';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const repoRoot = join(__dirname, '..', '..');
const dataDir = resolve(repoRoot, arg('--data', '../shared/datasets'));
const rounds = Number(arg('--rounds', '5'));
const outFile = resolve(repoRoot, arg('--out', 'bench/guardrails/results/bench.json'));

const inputs = [
  ...loadJsonl(dataDir, 'injection_jailbreak.jsonl'),
  ...loadJsonl(dataDir, 'benign_prompts.jsonl'),
].map((r) => r.text);
const outputs = [
  ...loadJsonl(dataDir, 'model_outputs_clean.jsonl'),
  ...loadJsonl(dataDir, 'pii.jsonl'),
  ...loadJsonl(dataDir, 'secrets.jsonl'),
  ...loadJsonl(dataDir, 'exfil_markdown.jsonl'),
].map((r) => r.text);

interface Stats {
  p50: number;
  p99: number;
  /** Per text, the fastest of the measured rounds: the code's own cost without preemption. */
  bestP50: number;
  bestP99: number;
  mean: number;
  cpuP50: number;
  cpuP99: number;
  totalMs: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * ms/KB per text (texts under 256 bytes count as 256 bytes so tiny strings don't dominate), as wall
 * time and as this process's CPU time: on a shared, overloaded machine the wall time includes waiting
 * for a core, the CPU time does not (but process.cpuUsage ticks are coarse). The first round is a
 * warm-up (JIT) and is not counted. `best` takes each text's fastest measured round: on a machine
 * shared with other jobs, wall p99 mostly measures how often the process was preempted, while the
 * per-text minimum measures what the detectors cost.
 */
function measure(texts: readonly string[], fn: (t: string) => unknown): Stats {
  const perKb: number[] = [];
  const cpuPerKb: number[] = [];
  const bestPerKb = new Array<number>(texts.length).fill(Infinity);
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      const kb = Math.max(256, Buffer.byteLength(t)) / 1024;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn(t);
      const dt = performance.now() - t0;
      const c = process.cpuUsage(c0);
      total += dt;
      if (r > 0 || rounds === 1) {
        perKb.push(dt / kb);
        cpuPerKb.push((c.user + c.system) / 1000 / kb);
        bestPerKb[i] = Math.min(bestPerKb[i], dt / kb);
      }
    }
  }
  perKb.sort((a, b) => a - b);
  cpuPerKb.sort((a, b) => a - b);
  bestPerKb.sort((a, b) => a - b);
  return {
    p50: quantile(perKb, 0.5),
    p99: quantile(perKb, 0.99),
    bestP50: quantile(bestPerKb, 0.5),
    bestP99: quantile(bestPerKb, 0.99),
    mean: perKb.reduce((a, b) => a + b, 0) / perKb.length,
    cpuP50: quantile(cpuPerKb, 0.5),
    cpuP99: quantile(cpuPerKb, 0.99),
    totalMs: total,
  };
}

const baseline = (t: string): string => t.normalize('NFKC').toLowerCase();
const results: Record<string, Stats> = {
  baselineInput: measure(inputs, baseline),
  inputProfile: measure(inputs, (t) => scan('input', t, DEFAULT_PROFILE)),
  baselineOutput: measure(outputs, baseline),
  outputProfile: measure(outputs, (t) => scan('output', t, DEFAULT_PROFILE)),
};
const fmt = (x: number): string => x.toFixed(4).padStart(9);
const w = (s: string): boolean => process.stdout.write(s + '\n');
w(`texts: ${inputs.length} input, ${outputs.length} output; ${rounds} rounds (first is warm-up)`);
w(
  `load average: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
w(`ms/KB                 wall p50    wall p99   wall mean     cpu p50     cpu p99    best p50    best p99`);
for (const [name, v] of Object.entries(results)) {
  w(
    `${name.padEnd(20)} ${fmt(v.p50)}   ${fmt(v.p99)}   ${fmt(v.mean)}   ${fmt(v.cpuP50)}   ${fmt(v.cpuP99)}   ${fmt(v.bestP50)}   ${fmt(v.bestP99)}`,
  );
}
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(1)}x` : 'n/a');
const { inputProfile: inp, outputProfile: out, baselineInput: bi, baselineOutput: bo } = results;
w(`ratio input/baseline: wall p50 ${ratio(inp.p50, bi.p50)}, wall p99 ${ratio(inp.p99, bi.p99)}`);
w(`ratio output/baseline: wall p50 ${ratio(out.p50, bo.p50)}, wall p99 ${ratio(out.p99, bo.p99)}`);
const met = (x: number): string => (x <= 0.5 ? 'met' : 'NOT met');
w(
  `goal p99 <= 0.5 ms/KB (wall / cpu / best): input ${met(inp.p99)} / ${met(inp.cpuP99)} / ${met(inp.bestP99)}, output ${met(out.p99)} / ${met(out.cpuP99)} / ${met(out.bestP99)}`,
);
void writeJson(outFile, {
  texts: { input: inputs.length, output: outputs.length },
  rounds,
  loadavg: loadavg(),
  results,
});
