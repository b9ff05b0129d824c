import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ALL_TOPICS, deadLetterTopic } from '@warden/contracts';
import { KafkaBus } from '@warden/bus';
import { spawnTsProcess, testKafkaBrokers, uniqueTestPrefix, type TsProcess } from '@warden/testing';
import { KEY_USAGE_GROUP } from '../src/read-model/key-usage-reporting';
import { BOOTSTRAP_TOKEN, startIdentityApp, type IdentityTestApp } from './identity-test-app';

/**
 * Creates the run's topics up front, retrying: on a fresh KRaft broker, createTopics' wait for leaders sometimes
 * fails with UNKNOWN_TOPIC_OR_PARTITION while the new topic's metadata propagates (reported to the bus owner).
 */
async function prepareTopics(brokers: string, topicPrefix: string, topics: readonly string[]): Promise<void> {
  const bus = new KafkaBus({ brokers: brokers.split(','), clientId: 'revocation-setup', topicPrefix });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await bus.ensureTopics(topics);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  } finally {
    await bus.close();
  }
}

export interface RevocationRun {
  /** Per key: from the DELETE's 204 (revocation committed) to the second process rejecting the key, in ms. */
  readonly propagationMs: number[];
  /** Per key: from sending the DELETE to the second process rejecting the key, in ms. */
  readonly endToEndMs: number[];
  readonly reasons: string[];
  /** With `suspendAfter`: the reason the second process gave for a live key once its principal was suspended. */
  readonly suspensionReason?: string;
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * Identity on PostgreSQL + Kafka (relay in-process), `keys` agent keys issued, a second process (auth-probe)
 * authenticating them from the identity topic; then each key is revoked over HTTP, one at a time, and the
 * moment the second process rejects it is recorded.
 */
export async function measureRevocationPropagation(
  keys: number,
  log: (line: string) => void = () => undefined,
  options: { readonly suspendAfter?: boolean } = {},
): Promise<RevocationRun> {
  const topicPrefix = uniqueTestPrefix();
  const brokers = testKafkaBrokers().join(',');
  const dir = mkdtempSync(join(tmpdir(), 'warden-probe-'));
  let app: IdentityTestApp | undefined;
  let probe: TsProcess | undefined;
  const probeGroup = `auth-probe.${topicPrefix}`;
  try {
    await prepareTopics(brokers, topicPrefix, [
      ...ALL_TOPICS,
      deadLetterTopic(KEY_USAGE_GROUP),
      deadLetterTopic(probeGroup),
    ]);
    app = await startIdentityApp({
      KAFKA_BROKERS: brokers,
      WARDEN_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
    });
    const call = app.call.bind(app);
    const id = (x: { body: unknown }): string => (x.body as { id: string }).id;
    const org = id(await call('POST', '/v1/orgs', { token: BOOTSTRAP_TOKEN, body: { name: 'Bench' } }));
    const ownerId = id(
      await call('POST', `/v1/orgs/${org}/principals`, {
        token: BOOTSTRAP_TOKEN,
        body: { kind: 'human', name: 'ops', roles: ['owner'] },
      }),
    );
    const ownerKey = (
      (await call('POST', `/v1/orgs/${org}/principals/${ownerId}/keys`, { token: BOOTSTRAP_TOKEN, body: {} }))
        .body as { secret: string }
    ).secret;
    const agentId = id(
      await call('POST', `/v1/orgs/${org}/principals`, {
        token: ownerKey,
        body: { kind: 'agent', name: 'bench-agent' },
      }),
    );
    const watched: { keyId: string; secret: string }[] = [];
    for (let i = 0; i < keys + (options.suspendAfter ? 1 : 0); i++) {
      const answer = await call('POST', `/v1/orgs/${org}/principals/${agentId}/keys`, {
        token: ownerKey,
        body: { name: `k${i}` },
      });
      const body = answer.body as { id: string; secret: string };
      watched.push({ keyId: body.id, secret: body.secret });
    }
    log(`issued ${keys} keys`);
    const secretsFile = join(dir, 'secrets.json');
    writeFileSync(secretsFile, JSON.stringify(watched));
    chmodSync(secretsFile, 0o600);

    probe = spawnTsProcess('apps/identity/test/auth-probe.process.ts', {
      env: {
        KAFKA_BROKERS: brokers,
        WARDEN_TOPIC_PREFIX: topicPrefix,
        PROBE_SECRETS_FILE: secretsFile,
        PROBE_GROUP: probeGroup,
      },
    });
    await probe.waitForLine(/"probe":"ready"/, 60_000);
    log('second process authenticates every key through its Kafka-fed projection');

    const propagationMs: number[] = [];
    const endToEndMs: number[] = [];
    const reasons: string[] = [];
    for (const key of watched.slice(0, keys)) {
      const rejectedLine = probe.waitForLine(new RegExp(`"probe":"rejected","keyId":"${key.keyId}"`), 30_000);
      const sent = now();
      const answer = await call('DELETE', `/v1/orgs/${org}/principals/${agentId}/keys/${key.keyId}`, {
        token: ownerKey,
      });
      const committed = now();
      if (answer.status !== 204) throw new Error(`revoking ${key.keyId} answered ${answer.status}`);
      const line = JSON.parse(await rejectedLine) as { at: number; reason: string };
      // Negative when the second process rejected the key before the 204 reached the client.
      propagationMs.push(line.at - committed);
      endToEndMs.push(line.at - sent);
      reasons.push(line.reason);
    }
    const live = watched[keys];
    if (!live) return { propagationMs, endToEndMs, reasons };
    const rejectedLine = probe.waitForLine(new RegExp(`"probe":"rejected","keyId":"${live.keyId}"`), 30_000);
    const suspended = await call('POST', `/v1/orgs/${org}/principals/${agentId}/suspend`, {
      token: ownerKey,
      body: {},
    });
    if (suspended.status !== 200) throw new Error(`suspending answered ${suspended.status}`);
    const line = JSON.parse(await rejectedLine) as { reason: string };
    return { propagationMs, endToEndMs, reasons, suspensionReason: line.reason };
  } finally {
    await probe?.stop();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
