import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

const KAFKA_SCRIPT = path.resolve(__dirname, '..', '..', '..', 'infra', 'kafka', 'kafka.sh');

/** A Kafka broker that belongs to one test: its own ports and data, so it can be restarted or stopped. */
export interface OwnKafkaBroker {
  readonly brokers: string[];
  /** Stops the broker and starts it again on the same data; resolves once it answers again. */
  restart(): Promise<void>;
  /** Stops the broker and deletes its data. */
  stop(): Promise<void>;
}

/**
 * Starts a private single-node broker through infra/kafka/kafka.sh (a few seconds; the jars are
 * cached). For tests that must restart or stop Kafka; everything else shares `testKafkaBrokers()`.
 */
export async function startOwnKafkaBroker(): Promise<OwnKafkaBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const stateDir = await mkdtemp(path.join(tmpdir(), 'warden-kafka-'));
  const env = {
    WARDEN_KAFKA_PORT: String(port),
    WARDEN_KAFKA_CONTROLLER_PORT: String(controllerPort),
    WARDEN_KAFKA_DIR: stateDir,
  };
  const kafka = (command: 'start' | 'stop' | 'restart') => runKafkaScript(command, env);
  try {
    await kafka('start');
  } catch (error) {
    await kafka('stop').catch(() => undefined);
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers: [`127.0.0.1:${port}`],
    restart: () => kafka('restart'),
    stop: async () => {
      await kafka('stop');
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

function runKafkaScript(command: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [KAFKA_SCRIPT, command], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`kafka.sh ${command} exited with ${code}:\n${output}`)),
    );
  });
}
