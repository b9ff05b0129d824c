/** The one typed configuration object, validated from the environment at boot (DESIGN §6). */
export interface WardenConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bootstrapToken?: string;
  /** PostgreSQL event store; undefined → embedded PGlite under dataDir. */
  readonly databaseUrl?: string;
  /** Kafka brokers; undefined → the embedded durable log in the event-store database. */
  readonly kafkaBrokers?: readonly string[];
  /** ClickHouse server; undefined → embedded chDB under dataDir. */
  readonly clickhouseUrl?: string;
  readonly oidc?: { readonly issuer: string; readonly audience: string };
  /** Prepended to every topic and consumer group: isolates test runs and tenants of one cluster. */
  readonly topicPrefix: string;
  /** The service name in logs, metrics and the CloudEvents `source`. */
  readonly serviceName: string;
}

export const WARDEN_CONFIG = Symbol('WARDEN_CONFIG');
