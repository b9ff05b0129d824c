import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BUS, type Bus, type Consumer } from '@warden/bus';
import { TOPICS, envelope, type CloudEvent } from '@warden/contracts';
import { generateKeySecret } from '@warden/identity-auth';
import { InfrastructureModule } from '@warden/infrastructure';
import { createHttpApp, createLogger, listenHttpApp, loadConfig, platformRuntime } from '@warden/platform';
import type { ConnectionSpec } from '@warden/policy-engine';
import { waitFor } from '@warden/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { PolicyProjection } from '../src/adapters/policy-projection';
import { IngressModule, type IngressOptions } from '../src/ingress.module';

@Module({})
class TestRootModule {}

export interface IngressTestApp {
  readonly baseUrl: string;
  readonly nest: NestFastifyApplication;
  readonly bus: Bus;
  readonly policy: PolicyProjection;
  close(): Promise<void>;
}

/** One ingress process in this test process, on `databaseUrl` (embedded bus on PostgreSQL, shared rate limits). */
export async function startIngress(
  databaseUrl: string,
  options: IngressOptions = {},
  topicPrefix = '',
  env: Record<string, string> = {},
): Promise<IngressTestApp> {
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-ingress-')),
      LOG_LEVEL: 'warn',
      ...(topicPrefix !== '' && { WARDEN_TOPIC_PREFIX: topicPrefix }),
      ...env,
    },
    { serviceName: 'ingress' },
  );
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  platformRuntime(config, createLogger(config, quiet));
  const nest = await createHttpApp(
    {
      module: TestRootModule,
      imports: [InfrastructureModule.forRoot({ eventStore: false }), IngressModule.forRoot(options)],
    },
    config,
    { enableShutdownHooks: false },
  );
  const port = await listenHttpApp(nest, config, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    nest,
    bus: nest.get<Bus>(BUS),
    policy: nest.get(PolicyProjection),
    close: () => nest.close(),
  };
}

const id = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

export interface SeededCaller {
  readonly orgId: string;
  readonly principalId: string;
  readonly keyId: string;
  readonly secret: string;
}

function identityEvent<T>(type: string, subject: string, orgId: string, data: T): CloudEvent {
  return envelope({ id: id('evt'), source: 'test', type, time: new Date(), subject, orgid: orgId, data });
}

/** Registers an organization's agent and its key through identity events on the bus (as the identity service would). */
export async function seedAgent(bus: Bus, orgId = id('org')): Promise<SeededCaller> {
  const principalId = id('prn');
  const keyId = id('key');
  const key = generateKeySecret();
  await bus.publish(TOPICS.identity, [
    {
      key: principalId,
      event: identityEvent('warden.identity.principal.registered.v1', principalId, orgId, {
        principalId,
        organizationId: orgId,
        kind: 'agent',
        name: 'agent',
        attributes: {},
        roles: [],
      }),
    },
    {
      key: principalId,
      event: identityEvent('warden.identity.key.issued.v1', principalId, orgId, {
        keyId,
        principalId,
        organizationId: orgId,
        prefix: key.prefix,
        secretHash: key.secretHash,
        issuedAt: new Date().toISOString(),
      }),
    },
  ]);
  return { orgId, principalId, keyId, secret: key.secret };
}

export async function revokeKey(bus: Bus, caller: SeededCaller): Promise<void> {
  await bus.publish(TOPICS.identity, [
    {
      key: caller.principalId,
      event: identityEvent('warden.identity.key.revoked.v1', caller.principalId, caller.orgId, {
        keyId: caller.keyId,
        principalId: caller.principalId,
        organizationId: caller.orgId,
      }),
    },
  ]);
}

/**
 * Registers a resource and a connection through policy events on the bus (as the policy service would),
 * then waits until every given ingress projection has applied them.
 */
export async function seedModelResource(
  bus: Bus,
  projections: readonly PolicyProjection[],
  caller: SeededCaller,
  upstreamUrl: string,
  spec: Partial<ConnectionSpec> = {},
  kind: 'model' | 'mcp_server' | 'http_api' = 'model',
): Promise<{ resourceId: string; connectionId: string }> {
  const resourceId = id('res');
  const connectionId = id('con');
  const event = (type: string, subject: string, data: unknown): CloudEvent =>
    envelope({ id: id('evt'), source: 'test', type, time: new Date(), subject, orgid: caller.orgId, data });
  await bus.publish(TOPICS.policy, [
    {
      key: resourceId,
      event: event('warden.policy.resource.registered.v1', resourceId, {
        resourceId,
        orgId: caller.orgId,
        kind,
        name: 'mock',
        upstream: { baseUrl: upstreamUrl, credentialRef: 'env:MOCK_UPSTREAM_KEY' },
        attributes: {},
      }),
    },
    {
      key: connectionId,
      event: event('warden.policy.connection.created.v1', connectionId, {
        connectionId,
        orgId: caller.orgId,
        principalId: caller.principalId,
        resourceId,
        version: 1,
        spec: {
          operations: [
            { action: 'model.chat', target: 'gpt-*' },
            { action: 'model.chat', target: 'slow-*' },
            { action: 'model.embed', target: 'text-embedding-*' },
          ],
          failMode: 'closed',
          ...spec,
        },
      }),
    },
  ]);
  await waitFor(
    () =>
      projections.every(
        (p) => p.state.connections.has(connectionId) && p.state.principals.has(caller.principalId),
      ),
    {
      timeoutMs: 10_000,
      message: 'policy events applied by every ingress',
    },
  );
  return { resourceId, connectionId };
}

/** Collects the decision and usage records published on warden.decisions.v1. */
export async function collectRecords(bus: Bus): Promise<{ events: CloudEvent[]; consumer: Consumer }> {
  const events: CloudEvent[] = [];
  const consumer = await bus.consume({
    groupId: id('test-records'),
    topics: [TOPICS.decisions],
    fromBeginning: true,
    handle: async (message) => {
      events.push(message.event);
    },
  });
  return { events, consumer };
}
