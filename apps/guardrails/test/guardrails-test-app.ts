import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { InfrastructureModule } from '@warden/infrastructure';
import { createHttpApp, createLogger, listenHttpApp, loadConfig, platformRuntime } from '@warden/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@warden/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { GuardrailsModule } from '../src/guardrails.module';
import { IdentitySeed, type SeededPrincipal } from './identity-seed';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is (for bodies that are not JSON.stringify of a value, e.g. oversized). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface Tenant {
  readonly org: string;
  readonly owner: SeededPrincipal;
  readonly auditor: SeededPrincipal;
  readonly agent: SeededPrincipal;
}

export interface GuardrailsTestApp {
  readonly baseUrl: string;
  readonly store: EventStore;
  readonly seed: IdentitySeed;
  /** Every log line the process wrote. */
  readonly logs: string[];
  call(method: string, path: string, options?: CallOptions): Promise<HttpAnswer>;
  /** An organization with an owner, an auditor and an agent, each with a key the service already accepts. */
  tenant(name: string): Promise<Tenant>;
  /** Every row of every table of the database as text: event store, embedded bus log, offsets. */
  dumpDatabase(): Promise<string>;
  close(): Promise<void>;
}

@Module({})
class TestRootModule {}

/** The guardrails service over HTTP on a fresh PostgreSQL database with the embedded bus, logs captured. */
export async function startGuardrailsApp(): Promise<GuardrailsTestApp> {
  const db: TestDatabase = await createTestDatabase('warden_guardrails');
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: db.url,
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-guardrails-')),
      LOG_LEVEL: 'debug',
    },
    { serviceName: 'guardrails' },
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  platformRuntime(config, createLogger(config, sink));
  let app: NestFastifyApplication | undefined;
  try {
    app = await createHttpApp(
      {
        module: TestRootModule,
        imports: [InfrastructureModule.forRoot({ eventStore: true }), GuardrailsModule],
      },
      config,
      { enableShutdownHooks: false },
    );
    const port = await listenHttpApp(app, config, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = app;
    const store = app.get<EventStore>(EVENT_STORE);
    const seed = new IdentitySeed(store);

    const call = async (method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    };

    return {
      baseUrl,
      store,
      seed,
      logs,
      call,
      async tenant(name) {
        const org = await seed.organization(name);
        const owner = await seed.principal(org, 'human', ['owner']);
        const auditor = await seed.principal(org, 'human', ['auditor']);
        const agent = await seed.principal(org, 'agent');
        // The keys reach the service through the relay and the bus: wait until the last one is accepted.
        const list = `/v1/orgs/${org}/guardrail-profiles`;
        await waitFor(
          async () =>
            (await call('GET', list, { token: agent.key })).status === 403 &&
            (await call('GET', list, { token: owner.key })).status === 200 &&
            (await call('GET', list, { token: auditor.key })).status === 200,
          { message: `the keys of ${name} reaching the auth projection` },
        );
        return { org, owner, auditor, agent };
      },
      async dumpDatabase() {
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
          const tables = await client.query<{ schemaname: string; tablename: string }>(
            "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
          );
          const parts: string[] = [];
          for (const t of tables.rows) {
            const rows = await client.query<{ row: string }>(
              `SELECT t::text AS row FROM "${t.schemaname}"."${t.tablename}" t`,
            );
            parts.push(...rows.rows.map((r) => r.row));
          }
          return parts.join('\n');
        } finally {
          await client.end();
        }
      },
      async close() {
        await started.close();
        await db.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await db.drop();
    throw error;
  }
}
