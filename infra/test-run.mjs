// `npm test`: brings up what the tests need, runs jest with the given arguments, and tears down
// only what this run started.
//   1. PostgreSQL must answer on DATABASE_URL (the machine's cluster is started if it is down).
//   2. Kafka: KAFKA_BROKERS if set; otherwise infra/kafka/kafka.sh starts (or reuses) a local broker.
//   3. jest runs with both exported; its exit code is ours.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kafkaScript = path.join(repoDir, 'infra/kafka/kafka.sh');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers() {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensurePostgres() {
  if (await postgresAnswers()) return;
  console.error(`test-run: PostgreSQL does not answer on ${databaseUrl}; starting the local cluster`);
  for (const version of safeList('/etc/postgresql')) {
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await postgresAnswers()) return;
    await sleep(500);
  }
  throw new Error(`PostgreSQL does not answer on ${databaseUrl} (set DATABASE_URL or start PostgreSQL)`);
}

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Returns whether this run started the broker (and so must stop it). */
function ensureKafka() {
  if (process.env.KAFKA_BROKERS) return false;
  const resultDir = mkdtempSync(path.join(tmpdir(), 'warden-test-run-'));
  const resultFile = path.join(resultDir, 'kafka-start');
  try {
    const start = spawnSync('bash', [kafkaScript, 'start'], {
      stdio: 'inherit',
      env: { ...process.env, WARDEN_KAFKA_START_RESULT_FILE: resultFile },
    });
    if (start.status !== 0) throw new Error('infra/kafka/kafka.sh start failed');
    process.env.KAFKA_BROKERS = `127.0.0.1:${process.env.WARDEN_KAFKA_PORT ?? '9092'}`;
    return readFileSync(resultFile, 'utf8').trim() === 'started';
  } finally {
    rmSync(resultDir, { recursive: true, force: true });
  }
}

function stopKafka() {
  spawnSync('bash', [kafkaScript, 'stop'], { stdio: 'inherit' });
}

// PGlite loads its WASM bundle with a dynamic import(), which jest's module sandbox (node:vm)
// only allows with --experimental-vm-modules; jest's workers inherit these flags.
const jestNodeFlags = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'];
const signalExitCodes = { SIGINT: 130, SIGTERM: 143 };

// Ctrl-C or SIGTERM at any point: jest gets the signal, and a broker this run started still stops.
let interruptedBy;
let jest;
for (const signal of Object.keys(signalExitCodes)) {
  process.on(signal, () => {
    interruptedBy ??= signal;
    jest?.kill(signal);
  });
}

function runJest(args) {
  return new Promise((resolve) => {
    jest = spawn(process.execPath, [...jestNodeFlags, require.resolve('jest/bin/jest'), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    jest.on('exit', (code, signal) => resolve(code ?? signalExitCodes[signal] ?? 1));
  });
}

async function main() {
  await ensurePostgres();
  const startedKafka = ensureKafka();
  try {
    return interruptedBy ? signalExitCodes[interruptedBy] : await runJest(process.argv.slice(2));
  } finally {
    if (startedKafka) stopKafka();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`test-run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
