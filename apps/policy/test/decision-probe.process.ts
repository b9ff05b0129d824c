/**
 * A second process holding its own decision projection fed from Kafka (what an ingress replica does). It
 * decides PROBE_INPUT (JSON: principalId, resourceId, action, target, arguments?) after every applied event and
 * prints one JSON line per change:
 *   {"probe":"allowed"}                        the decision became allow
 *   {"probe":"denied","at","codes"}            it turned to deny after having been allow (at: epoch ms, sub-ms)
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { KafkaBus } from '@warden/bus';
import { DecisionEngine, type DecisionInput } from '@warden/policy-engine';
import { ReadinessRegistry } from '@warden/platform';
import pino from 'pino';
import { DEFAULT_POLICY_OPTIONS } from '../src/policy.options';
import { PolicyProjection } from '../src/projection/policy-projection';

const now = (): number => performance.timeOrigin + performance.now();
const emit = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function main(): Promise<void> {
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const bus = new KafkaBus({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean),
    clientId: `decision-probe-${randomBytes(3).toString('hex')}`,
    topicPrefix: process.env.WARDEN_TOPIC_PREFIX ?? '',
    logger,
  });
  const request = JSON.parse(String(process.env.PROBE_INPUT)) as Omit<DecisionInput, 'context'>;
  const projection = new PolicyProjection(
    bus,
    { ...DEFAULT_POLICY_OPTIONS, maxStalenessMs: 10_000, heartbeatMs: 200, idleMs: 100 },
    new ReadinessRegistry(),
    logger,
  );
  const engine = new DecisionEngine({ maxStalenessMs: 10_000 });
  let allowed = false;
  let denied = false;
  projection.onApplied(() => {
    if (denied) return;
    const at = now();
    const decision = engine.decide({ ...request, context: { time: Date.now() } }, projection.state);
    if (decision.decision === 'allow' && !allowed) {
      allowed = true;
      emit({ probe: 'allowed' });
    } else if (decision.decision === 'deny' && allowed) {
      denied = true;
      emit({ probe: 'denied', at, codes: decision.reasons.map((r) => r.code) });
    }
  });
  await projection.onApplicationBootstrap();
  emit({ probe: 'started' });
  const stop = async (): Promise<void> => {
    await projection.onModuleDestroy();
    engine.dispose();
    await bus.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`decision-probe failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
