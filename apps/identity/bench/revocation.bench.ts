/**
 * `npm run bench:revocation`: revokes 200 keys one by one over the admin API and measures how long each
 * revocation takes to reach a second process that authenticates through its Kafka-fed projection.
 * Needs PostgreSQL (DATABASE_URL, default local) and Kafka (KAFKA_BROKERS, default 127.0.0.1:9092).
 */
import 'reflect-metadata';
import { measureRevocationPropagation, percentile } from '../test/revocation-propagation';

const KEYS = Number(process.env.BENCH_KEYS ?? 200);

async function main(): Promise<void> {
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const run = await measureRevocationPropagation(KEYS, out);
  const fmt = (v: number): string => `${v.toFixed(1)} ms`;
  const report = (label: string, values: readonly number[]): void =>
    out(
      `${label.padEnd(34)} p50 ${fmt(percentile(values, 50))}  p99 ${fmt(percentile(values, 99))}  max ${fmt(Math.max(...values))}  (n=${values.length})`,
    );
  out('');
  report('propagation (204 → rejected)', run.propagationMs);
  report('end to end (DELETE sent → rejected)', run.endToEndMs);
  const p99 = percentile(run.propagationMs, 99);
  out(`goal p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
