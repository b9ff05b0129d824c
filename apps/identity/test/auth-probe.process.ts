/**
 * A second process that authenticates keys only through the AuthProjection fed by Kafka — what an ingress
 * replica does. It reads the keys to watch from PROBE_SECRETS_FILE and prints one JSON line per change:
 *   {"probe":"ready"}                                 every watched key authenticates
 *   {"probe":"rejected","keyId","reason","at"}        a watched key stopped authenticating (at: epoch ms, sub-ms)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { KafkaBus } from '@warden/bus';
import { AuthProjection, startAuthProjectionFeed } from '@warden/identity-auth';
import pino from 'pino';

interface Watched {
  readonly keyId: string;
  readonly secret: string;
}

const now = (): number => performance.timeOrigin + performance.now();
const emit = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  const watched = JSON.parse(readFileSync(String(process.env.PROBE_SECRETS_FILE), 'utf8')) as Watched[];
  const bus = new KafkaBus({
    brokers,
    clientId: 'auth-probe',
    topicPrefix: process.env.WARDEN_TOPIC_PREFIX ?? '',
    logger: pino({ level: 'warn' }, pino.destination(2)),
  });
  const projection = new AuthProjection();
  const accepted = new Set<string>();
  const rejected = new Set<string>();
  let ready = false;
  const check = (): void => {
    const at = now();
    const when = new Date();
    for (const w of watched) {
      if (rejected.has(w.keyId)) continue;
      const result = projection.authenticate(w.secret, when);
      if (result.ok) accepted.add(w.keyId);
      else if (accepted.has(w.keyId)) {
        rejected.add(w.keyId);
        emit({ probe: 'rejected', keyId: w.keyId, reason: result.reason, at });
      }
    }
    if (!ready && accepted.size === watched.length) {
      ready = true;
      emit({ probe: 'ready' });
    }
  };
  const consumer = await startAuthProjectionFeed({
    bus,
    projection,
    groupId: process.env.PROBE_GROUP ?? `auth-probe.${randomBytes(4).toString('hex')}`,
    onApplied: check,
  });
  const stop = async (): Promise<void> => {
    await consumer.close();
    await bus.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`auth-probe failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
