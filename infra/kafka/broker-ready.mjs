// Waits until a Kafka broker really answers: its port accepts connections AND a metadata request
// (admin listTopics) succeeds. Used by kafka.sh; exits 0 when ready, 1 on timeout, 2 when the
// broker process given with --pid died while we waited.
//
//   node infra/kafka/broker-ready.mjs <host:port> <timeoutMs> [--pid <pid>]
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const [broker, timeoutArg, pidFlag, pidArg] = process.argv.slice(2);
if (!broker || !timeoutArg) {
  console.error('usage: broker-ready.mjs <host:port> <timeoutMs> [--pid <pid>]');
  process.exit(64);
}
const deadline = Date.now() + Number(timeoutArg);
const pid = pidFlag === '--pid' ? Number(pidArg) : undefined;
const [host, port] = broker.split(':');

function portOpen() {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// A broker that crashed stays a zombie until kafka.sh reaps it: zombie counts as dead.
function processAlive() {
  if (pid === undefined) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function metadataAnswers() {
  const kafka = new Kafka({
    clientId: 'warden-broker-ready',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

let lastReason = 'not checked yet';
while (Date.now() < deadline) {
  if (!processAlive()) {
    console.error(`broker process ${pid} exited before ${broker} answered`);
    process.exit(2);
  }
  if (!(await portOpen())) lastReason = 'port closed';
  else if (await metadataAnswers()) process.exit(0);
  else lastReason = 'port open but metadata request failed';
  await sleep(500);
}
console.error(`${broker} did not answer within ${timeoutArg} ms (${lastReason})`);
process.exit(1);
