import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InfrastructureModule } from '@warden/infrastructure';
import {
  createHttpApp,
  createLogger,
  listenHttpApp,
  loadConfig,
  platformRuntime,
  type WardenConfig,
} from '@warden/platform';
import { createTestDatabase, type TestDatabase } from '@warden/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { IdentityModule } from '../src/identity.module';

export const BOOTSTRAP_TOKEN = 'bootstrap-token-for-tests-0123456789';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export interface IdentityTestApp {
  readonly baseUrl: string;
  readonly nest: NestFastifyApplication;
  readonly config: WardenConfig;
  readonly db: TestDatabase;
  /** Every log line the process wrote. */
  readonly logs: string[];
  /** Every response body the tests received through `call`, in order. */
  readonly responses: string[];
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpAnswer>;
  /** Every row of every table of the database, as text: events, bus log, checkpoints. */
  dumpDatabase(): Promise<string>;
  close(): Promise<void>;
}

@Module({})
class TestRootModule {}

/** The identity service over HTTP on a fresh PostgreSQL database, embedded bus, logs captured. */
export async function startIdentityApp(env: Record<string, string> = {}): Promise<IdentityTestApp> {
  const db = await createTestDatabase('warden_identity');
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: db.url,
      WARDEN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN,
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-identity-')),
      LOG_LEVEL: 'debug',
      ...env,
    },
    { serviceName: 'identity' },
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
        imports: [InfrastructureModule.forRoot({ eventStore: true }), IdentityModule],
      },
      config,
      { enableShutdownHooks: false },
    );
    const port = await listenHttpApp(app, config, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const responses: string[] = [];
    const started = app;
    return {
      baseUrl,
      nest: started,
      config,
      db,
      logs,
      responses,
      async call(method, path, options = {}) {
        const headers: Record<string, string> = { ...options.headers };
        if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
        if (options.body !== undefined) headers['content-type'] = 'application/json';
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        });
        const text = await response.text();
        responses.push(text);
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        return { status: response.status, headers: response.headers, text, body };
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
            const rows = await client.query(
              `SELECT t::text AS row FROM "${t.schemaname}"."${t.tablename}" t`,
            );
            parts.push(...rows.rows.map((r: { row: string }) => r.row));
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
