import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BUS, type Bus } from '@warden/bus';
import { DEFAULT_PROFILE } from '@warden/detectors';
import { AuthProjection } from '@warden/identity-auth';
import { WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { DecisionEngine } from '@warden/policy-engine';
import { createSqlClient, type SqlClient } from '@warden/sql';
import { CredentialRefResolver } from './adapters/credential-ref-resolver';
import { DetectorsInspector } from './adapters/detectors-inspector';
import { IdentityAuthAuthenticator } from './adapters/identity-auth-authenticator';
import { InMemoryRateLimiter } from './adapters/in-memory-rate-limiter';
import { PolicyConnectionDirectory } from './adapters/policy-connection-directory';
import { PolicyEngineAuthorizer } from './adapters/policy-engine-authorizer';
import { GuardrailProfileProjection } from './adapters/guardrail-profile-projection';
import { PolicyProjection } from './adapters/policy-projection';
import { SqlRateLimiter } from './adapters/sql-rate-limiter';
import { UnmeteredBudget } from './adapters/unmetered-budget';
import { DecisionsController } from './decisions/decisions.controller';
import { INGRESS_PIPELINE, PIPELINE_PORTS } from './ingress-tokens';
import { OpenAiController } from './openai/openai.controller';
import { IngressPipeline, type PipelinePorts } from './pipeline/ingress-pipeline';
import type { RateLimiter } from './pipeline/ports/rate-limiter.port';
import { BusRecordSink } from './records/bus-record-sink';
import { IngressStateFeed } from './state/ingress-state-feed';
import { registerProxyRoutes } from './proxy/proxy-routes';
import { registerMcpRoutes } from './mcp/mcp-routes';
import type { McpUpstreams } from './mcp/mcp-upstreams';

export interface IngressOptions {
  /** Identity and policy state older than this fails closed. Default 30 s. */
  readonly maxStalenessMs?: number;
  /** Upstream timeout budget per call. Default 120 s. */
  readonly upstreamTimeoutMs?: number;
  /** HTTP proxy request body limit. Default 1 MiB. */
  readonly proxyMaxBodyBytes?: number;
  /** HTTP proxy response size limit. Default 10 MiB. */
  readonly proxyMaxResponseBytes?: number;
}

const INGRESS_OPTIONS = Symbol('INGRESS_OPTIONS');

const RATE_LIMIT_SQL = Symbol('RATE_LIMIT_SQL');

/**
 * Rate-limit counters need no synchronous commit: a crash loses at most the last instants' counts,
 * while a synchronous commit per admitted request would hold the hot row's lock for an fsync.
 */
function rateLimitDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', '-c synchronous_commit=off');
  return url.toString();
}

@Injectable()
class IngressLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private mcpUpstreams?: McpUpstreams;

  constructor(
    private readonly feed: IngressStateFeed,
    @Inject(RATE_LIMIT_SQL) private readonly sql: SqlClient | undefined,
    @Inject(INGRESS_PIPELINE) private readonly pipeline: IngressPipeline,
    @Inject(PIPELINE_PORTS) private readonly ports: PipelinePorts,
    @Inject(INGRESS_OPTIONS) private readonly options: IngressOptions,
    private readonly policy: PolicyProjection,
    private readonly http: HttpAdapterHost,
  ) {}

  /** Routes that need raw bodies or the raw response (proxy, MCP) go on Fastify directly. */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    registerProxyRoutes(
      fastify,
      this.pipeline,
      (id) => this.policy.state.resources.get(id)?.upstream.baseUrl,
      {
        maxBodyBytes: this.options.proxyMaxBodyBytes ?? 1024 * 1024,
        maxResponseBytes: this.options.proxyMaxResponseBytes ?? 10 * 1024 * 1024,
      },
    );
    this.mcpUpstreams = registerMcpRoutes(fastify, this.pipeline, this.ports);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed.stop();
    await this.mcpUpstreams?.closeAll();
    await this.sql?.close();
  }
}

/**
 * The enforcement point (PEP): OpenAI-compatible proxy and decision API over local projections.
 * Mounted alone (apps/ingress/src/main.ts) or in the standalone process; needs only BUS from the
 * infrastructure. In distributed mode (DATABASE_URL) rate limits are shared through PostgreSQL.
 */
@Module({})
export class IngressModule {
  static forRoot(options: IngressOptions = {}): DynamicModule {
    const maxStalenessMs = options.maxStalenessMs ?? 30_000;
    return {
      module: IngressModule,
      controllers: [OpenAiController, DecisionsController],
      providers: [
        { provide: INGRESS_OPTIONS, useValue: options },
        { provide: AuthProjection, useFactory: () => new AuthProjection() },
        PolicyProjection,
        GuardrailProfileProjection,
        {
          provide: IngressStateFeed,
          inject: [BUS, AuthProjection, PolicyProjection, GuardrailProfileProjection],
          useFactory: (
            bus: Bus,
            auth: AuthProjection,
            policy: PolicyProjection,
            profiles: GuardrailProfileProjection,
          ) => new IngressStateFeed(bus, { auth, policy, profiles }, { maxStalenessMs }),
        },
        {
          provide: RATE_LIMIT_SQL,
          inject: [WARDEN_CONFIG],
          useFactory: async (config: WardenConfig) =>
            config.databaseUrl === undefined
              ? undefined
              : createSqlClient({
                  databaseUrl: rateLimitDatabaseUrl(config.databaseUrl),
                  dataDir: config.dataDir,
                }),
        },
        {
          provide: PIPELINE_PORTS,
          inject: [
            BUS,
            AuthProjection,
            PolicyProjection,
            GuardrailProfileProjection,
            IngressStateFeed,
            RATE_LIMIT_SQL,
          ],
          useFactory: async (
            bus: Bus,
            auth: AuthProjection,
            policy: PolicyProjection,
            profiles: GuardrailProfileProjection,
            feed: IngressStateFeed,
            sql: SqlClient | undefined,
          ): Promise<PipelinePorts> => {
            const rateLimiter: RateLimiter =
              sql === undefined ? new InMemoryRateLimiter() : await SqlRateLimiter.open(sql);
            return {
              authenticator: new IdentityAuthAuthenticator(auth, (now) => feed.isFresh(now)),
              directory: new PolicyConnectionDirectory(policy),
              authorizer: new PolicyEngineAuthorizer(new DecisionEngine({ maxStalenessMs }), policy),
              rateLimiter,
              budget: new UnmeteredBudget(),
              inspector: new DetectorsInspector((ref) =>
                ref === undefined ? DEFAULT_PROFILE : profiles.profile(ref),
              ),
              credentials: new CredentialRefResolver(),
              // One publish in flight, so concurrent requests' records pile into the next batch: more in
              // flight only queue behind the producer (Kafka) or the topic's row lock (embedded log), and
              // measured worse on both at 32 and 64 concurrent requests (bench/ingress/README.md).
              records: new BusRecordSink(bus, { maxInFlight: 1 }),
            };
          },
        },
        {
          provide: INGRESS_PIPELINE,
          inject: [PIPELINE_PORTS],
          useFactory: (ports: PipelinePorts) =>
            new IngressPipeline(ports, { upstreamTimeoutMs: options.upstreamTimeoutMs ?? 120_000 }),
        },
        IngressLifecycle,
      ],
      exports: [AuthProjection, PolicyProjection, GuardrailProfileProjection, INGRESS_PIPELINE],
    };
  }
}
