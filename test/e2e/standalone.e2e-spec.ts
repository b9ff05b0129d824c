import { freePort, spawnTsProcess, waitFor, type TsProcess } from '@warden/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';

const ENTRY = 'apps/standalone/src/main.ts';
const BOOTSTRAP_TOKEN = 'e2e-bootstrap-token-0123456789abcdef';

/** The embedded default: nothing but the data dir. The test runner's infrastructure must not leak in. */
function standaloneEnv(port: number, dataDir: string): Record<string, string | undefined> {
  return {
    PORT: String(port),
    WARDEN_DATA_DIR: dataDir,
    WARDEN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
    DATABASE_URL: undefined,
    KAFKA_BROKERS: undefined,
    CLICKHOUSE_URL: undefined,
    LOG_LEVEL: 'warn',
  };
}

async function readyWithin(port: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await waitFor(
    async () => {
      try {
        const { statusCode, body } = await request(`http://127.0.0.1:${port}/readyz`);
        await body.dump();
        return statusCode === 200;
      } catch {
        return false;
      }
    },
    { timeoutMs, intervalMs: 100, message: `/readyz did not answer 200 within ${timeoutMs} ms` },
  );
  return Date.now() - started;
}

async function call<T>(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await request(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.body.json()) as T;
  if (response.statusCode >= 300)
    throw new Error(`${method} ${path} → ${response.statusCode} ${JSON.stringify(payload)}`);
  return payload;
}

describe('standalone mode (npm start)', () => {
  let dataDir: string;
  let running: TsProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'warden-e2e-'));
  });

  afterEach(async () => {
    await running?.stop(5_000);
    running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready within 20 s, and keeps its data across a kill and a restart', async () => {
    const port = await freePort();
    running = spawnTsProcess(ENTRY, { env: standaloneEnv(port, dataDir) });
    await readyWithin(port, 20_000);

    const org = await call<{ id: string }>(port, 'POST', '/v1/orgs', BOOTSTRAP_TOKEN, {
      name: 'Persisted Org',
    });
    const owner = await call<{ id: string }>(port, 'POST', `/v1/orgs/${org.id}/principals`, BOOTSTRAP_TOKEN, {
      kind: 'human',
      name: 'First Owner',
      roles: ['owner'],
    });
    const key = await call<{ secret: string }>(
      port,
      'POST',
      `/v1/orgs/${org.id}/principals/${owner.id}/keys`,
      BOOTSTRAP_TOKEN,
      {},
    );

    running.kill('SIGKILL');
    await running.exited;
    running = spawnTsProcess(ENTRY, { env: standaloneEnv(port, dataDir) });
    await readyWithin(port, 20_000);

    expect(await call(port, 'GET', `/v1/orgs/${org.id}`, key.secret)).toMatchObject({
      id: org.id,
      name: 'Persisted Org',
    });
    expect(await call(port, 'GET', '/v1/whoami', key.secret)).toMatchObject({
      principal: { id: owner.id, organizationId: org.id },
    });
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['KAFKA_BROKERS', 'no port here'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses to start on a bad %s and names it', async (variable, value) => {
    const port = await freePort();
    running = spawnTsProcess(ENTRY, { env: { ...standaloneEnv(port, dataDir), [variable]: value } });
    const exit = await running.exited;
    expect(exit.code).not.toBe(0);
    expect(running.stderr() + running.stdout()).toContain(variable);
  });
});
