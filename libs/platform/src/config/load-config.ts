import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { resolve } from 'node:path';
import { ConfigError, type ConfigProblem } from './config-error';
import type { WardenConfig } from './warden-config';
import { ENV_VARIABLES, WardenEnv } from './warden-env';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigDefaults {
  /** Each app names itself; WARDEN_SERVICE_NAME overrides. */
  readonly serviceName?: string;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_DATA_DIR = './data';

/** Values of these variables are never echoed in an error: they may carry credentials. */
const ECHOABLE = new Set<string>([
  'PORT',
  'LOG_LEVEL',
  'WARDEN_TOPIC_PREFIX',
  'WARDEN_SERVICE_NAME',
  'KAFKA_BROKERS',
]);

function problemsOf(errors: readonly ValidationError[], env: Env): ConfigProblem[] {
  return errors.flatMap((error) => {
    const raw = env[error.property];
    const got = ECHOABLE.has(error.property) && raw !== undefined ? ` (got "${raw}")` : '';
    return Object.values(error.constraints ?? {}).map((message) => ({
      variable: error.property,
      message: `${message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message}${got}`,
    }));
  });
}

/**
 * Reads and validates the environment into the one typed config (DESIGN §6).
 * Throws a ConfigError naming every bad variable; never returns a half-valid config.
 */
export function loadConfig(env: Env = process.env, defaults: ConfigDefaults = {}): WardenConfig {
  const known = Object.fromEntries(ENV_VARIABLES.map((name) => [name, env[name]]));
  const parsed = plainToInstance(WardenEnv, known);
  const problems = problemsOf(
    validateSync(parsed, { forbidUnknownValues: true, stopAtFirstError: true }),
    env,
  );

  const issuer = parsed.OIDC_ISSUER;
  const audience = parsed.OIDC_AUDIENCE;
  if (issuer !== undefined && audience === undefined) {
    problems.push({ variable: 'OIDC_AUDIENCE', message: 'is required when OIDC_ISSUER is set' });
  }
  if (audience !== undefined && issuer === undefined) {
    problems.push({ variable: 'OIDC_ISSUER', message: 'is required when OIDC_AUDIENCE is set' });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: parsed.PORT ?? DEFAULT_PORT,
    dataDir: resolve(parsed.WARDEN_DATA_DIR ?? DEFAULT_DATA_DIR),
    logLevel: parsed.LOG_LEVEL ?? 'info',
    ...(parsed.WARDEN_BOOTSTRAP_TOKEN !== undefined && { bootstrapToken: parsed.WARDEN_BOOTSTRAP_TOKEN }),
    ...(parsed.DATABASE_URL !== undefined && { databaseUrl: parsed.DATABASE_URL }),
    ...(parsed.KAFKA_BROKERS !== undefined && { kafkaBrokers: parsed.KAFKA_BROKERS }),
    ...(parsed.CLICKHOUSE_URL !== undefined && { clickhouseUrl: parsed.CLICKHOUSE_URL }),
    ...(issuer !== undefined && audience !== undefined && { oidc: { issuer, audience } }),
    topicPrefix: parsed.WARDEN_TOPIC_PREFIX ?? '',
    serviceName: parsed.WARDEN_SERVICE_NAME ?? defaults.serviceName ?? 'warden',
  };
}
