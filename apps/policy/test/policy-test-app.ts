import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@warden/eventstore';
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
import { PolicyModule } from '../src/policy.module';
import type { PolicyOptions } from '../src/policy.options';
import { PolicyProjection } from '../src/projection/policy-projection';
import { IdentitySeed } from './identity-seed';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface PolicyTestApp {
  readonly baseUrl: string;
  readonly config: WardenConfig;
  readonly db: TestDatabase;
  readonly store: EventStore;
  readonly seed: IdentitySeed;
  readonly projection: PolicyProjection;
  readonly logs: string[];
  readonly responses: string[];
  call(method: string, path: string, options?: CallOptions): Promise<HttpAnswer>;
  close(): Promise<void>;
}

@Module({})
class TestRootModule {}

export const TEST_POLICY_OPTIONS: Partial<PolicyOptions> = {
  heartbeatMs: 100,
  idleMs: 50,
  maxStalenessMs: 5_000,
};

/** The policy service over HTTP on a fresh PostgreSQL database; embedded bus unless KAFKA_BROKERS is given. */
export async function startPolicyApp(
  env: Record<string, string> = {},
  options = TEST_POLICY_OPTIONS,
): Promise<PolicyTestApp> {
  const db = await createTestDatabase('warden_policy');
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: db.url,
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-policy-')),
      LOG_LEVEL: 'debug',
      ...env,
    },
    { serviceName: 'policy' },
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
        imports: [InfrastructureModule.forRoot({ eventStore: true }), PolicyModule.withOptions(options)],
      },
      config,
      { enableShutdownHooks: false },
    );
    const port = await listenHttpApp(app, config, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const store = app.get<EventStore>(EVENT_STORE);
    const responses: string[] = [];
    const started = app;
    return {
      baseUrl,
      config,
      db,
      store,
      seed: new IdentitySeed(store),
      projection: app.get(PolicyProjection),
      logs,
      responses,
      async call(method, path, o = {}) {
        const headers: Record<string, string> = { ...o.headers };
        if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
        if (o.body !== undefined) headers['content-type'] = 'application/json';
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers,
          ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
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
