import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is, as JSON, instead of `body` (malformed input). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/** One service's Nest modules over HTTP on a fresh PostgreSQL database, every log line captured. */
export interface ServiceTestApp {
  readonly baseUrl: string;
  readonly nest: NestFastifyApplication;
  readonly config: WardenConfig;
  readonly db: TestDatabase;
  /** Every log line the process wrote. */
  readonly logs: string[];
  /** Every response body the tests received through `call`, in order. */
  readonly responses: string[];
  call(method: string, path: string, options?: CallOptions): Promise<HttpAnswer>;
  /** Every row of every table of the database, as text: events, bus log, checkpoints. */
  dumpDatabase(): Promise<string>;
  close(): Promise<void>;
}

export interface ServiceTestAppSpec {
  readonly serviceName: string;
  readonly imports: NonNullable<DynamicModule['imports']>;
  readonly env?: Record<string, string>;
}

@Module({})
class TestRootModule {}

export async function startServiceTestApp(spec: ServiceTestAppSpec): Promise<ServiceTestApp> {
  const db = await createTestDatabase(`warden_${spec.serviceName}`);
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: db.url,
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), `warden-${spec.serviceName}-`)),
      LOG_LEVEL: 'debug',
      ...spec.env,
    },
    { serviceName: spec.serviceName },
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
    app = await createHttpApp({ module: TestRootModule, imports: spec.imports }, config, {
      enableShutdownHooks: false,
    });
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
        const body =
          options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
        if (body !== undefined) headers['content-type'] = 'application/json';
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers,
          ...(body !== undefined && { body }),
        });
        const text = await response.text();
        responses.push(text);
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        return { status: response.status, headers: response.headers, text, body: parsed };
      },
      dumpDatabase: () => dumpDatabase(db.url),
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

async function dumpDatabase(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
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
}
