import { PerformanceObserver } from 'node:perf_hooks';

export interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.length === 0 ? 0 : sorted.reduce((s, x) => s + x, 0) / sorted.length,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Microseconds spent in `run`. */
export function timeMicros(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1_000;
}

export function formatLatency(l: Latency): string {
  if (l.count === 0) return 'none';
  const f = (x: number): string => x.toFixed(1).padStart(7);
  return `p50 ${f(l.p50)} µs   p99 ${f(l.p99)} µs   mean ${f(l.mean)} µs   max ${f(l.max)} µs   (n ${l.count})`;
}

export interface GcTally {
  readonly pauses: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

/** Counts the garbage-collection pauses while `run` runs (the observer reports them asynchronously). */
export async function withGcTally<T>(run: () => T): Promise<{ result: T; gc: GcTally }> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const result = run();
  // GC entries are delivered on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return {
    result,
    gc: {
      pauses: durations.length,
      totalMs: durations.reduce((s, d) => s + d, 0),
      maxMs: durations.reduce((m, d) => Math.max(m, d), 0),
    },
  };
}
