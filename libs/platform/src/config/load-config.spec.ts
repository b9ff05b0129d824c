import { bootConfigOrExit, EXIT_CONFIG } from './boot-config';
import { ConfigError } from './config-error';
import { loadConfig, type Env } from './load-config';
import pino from 'pino';
import { Writable } from 'node:stream';
import { resolve } from 'node:path';

function configErrorOf(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('Given an empty environment, When loaded, Then the embedded defaults apply', () => {
    const config = loadConfig({});

    expect(config).toEqual({
      port: 8080,
      dataDir: resolve('./data'),
      logLevel: 'info',
      topicPrefix: '',
      serviceName: 'warden',
    });
  });

  it('Given every variable set, When loaded, Then each lands typed in the config', () => {
    const config = loadConfig({
      PORT: '9000',
      WARDEN_DATA_DIR: '/var/lib/warden',
      WARDEN_BOOTSTRAP_TOKEN: 'bootstrap-token-0123456789',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/warden',
      KAFKA_BROKERS: '127.0.0.1:9092, kafka-2.internal:19092',
      CLICKHOUSE_URL: 'http://127.0.0.1:8123',
      OIDC_ISSUER: 'https://login.example.com/',
      OIDC_AUDIENCE: 'warden-admin',
      LOG_LEVEL: 'debug',
      WARDEN_TOPIC_PREFIX: 'run-42.',
      WARDEN_SERVICE_NAME: 'identity',
    });

    expect(config).toEqual({
      port: 9000,
      dataDir: '/var/lib/warden',
      logLevel: 'debug',
      bootstrapToken: 'bootstrap-token-0123456789',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/warden',
      kafkaBrokers: ['127.0.0.1:9092', 'kafka-2.internal:19092'],
      clickhouseUrl: 'http://127.0.0.1:8123',
      oidc: { issuer: 'https://login.example.com/', audience: 'warden-admin' },
      topicPrefix: 'run-42.',
      serviceName: 'identity',
    });
  });

  it('Given empty strings, When loaded, Then they count as unset', () => {
    const config = loadConfig({
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      PORT: ' ',
      OIDC_ISSUER: '',
      OIDC_AUDIENCE: '',
    });

    expect(config.databaseUrl).toBeUndefined();
    expect(config.kafkaBrokers).toBeUndefined();
    expect(config.port).toBe(8080);
    expect(config.oidc).toBeUndefined();
  });

  it('Given an app default service name, When WARDEN_SERVICE_NAME is unset, Then the app default is used', () => {
    expect(loadConfig({}, { serviceName: 'policy' }).serviceName).toBe('policy');
    expect(loadConfig({ WARDEN_SERVICE_NAME: 'policy-2' }, { serviceName: 'policy' }).serviceName).toBe(
      'policy-2',
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'must be an integer port number between 0 and 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT', 'must be an integer port number between 0 and 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'PORT', 'must be an integer port number'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL',
      'must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [
      { DATABASE_URL: 'mysql://db:3306/x' },
      'DATABASE_URL',
      'must be a URL with scheme postgres or postgresql',
    ],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', 'must be a URL with scheme postgres or postgresql'],
    [{ KAFKA_BROKERS: '127.0.0.1' }, 'KAFKA_BROKERS', 'must be a comma-separated list of host:port'],
    [{ KAFKA_BROKERS: 'a:9092,b:99999' }, 'KAFKA_BROKERS', 'must be a comma-separated list of host:port'],
    [{ CLICKHOUSE_URL: 'tcp://ch:9000' }, 'CLICKHOUSE_URL', 'must be a URL with scheme http or https'],
    [{ OIDC_ISSUER: 'https://login.example.com' }, 'OIDC_AUDIENCE', 'is required when OIDC_ISSUER is set'],
    [{ OIDC_AUDIENCE: 'warden' }, 'OIDC_ISSUER', 'is required when OIDC_AUDIENCE is set'],
    [{ WARDEN_BOOTSTRAP_TOKEN: 'short' }, 'WARDEN_BOOTSTRAP_TOKEN', 'must be at least 16 characters'],
    [{ WARDEN_TOPIC_PREFIX: 'bad prefix' }, 'WARDEN_TOPIC_PREFIX', 'may contain only letters, digits'],
    [{ WARDEN_SERVICE_NAME: 'Has Spaces' }, 'WARDEN_SERVICE_NAME', 'must be lowercase letters'],
  ])('Given %j, When loaded, Then a ConfigError names %s', (env, variable, message) => {
    const error = configErrorOf(env);

    expect(error.problems).toContainEqual({ variable, message: expect.stringContaining(message) as string });
    expect(error.message).toContain(`${variable} ${message}`);
  });

  it('Given several bad values, When loaded, Then every one is named', () => {
    const error = configErrorOf({ PORT: 'x', LOG_LEVEL: 'y', CLICKHOUSE_URL: 'z' });

    expect(error.problems.map((p) => p.variable).sort()).toEqual(['CLICKHOUSE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('Given a bad DATABASE_URL holding a password, When rejected, Then the message does not echo it', () => {
    const error = configErrorOf({
      DATABASE_URL: 'mysql://user:hunter2-secret@db/x',
      WARDEN_BOOTSTRAP_TOKEN: 'tiny-secret',
    });

    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('tiny-secret');
  });
});

describe('bootConfigOrExit', () => {
  class ExitCalled extends Error {
    constructor(readonly code: number) {
      super(`exit ${code}`);
    }
  }
  const exit = (code: number): never => {
    throw new ExitCalled(code);
  };

  it('Given a valid environment, When booting, Then the config is returned and nothing exits', () => {
    expect(bootConfigOrExit({ env: { PORT: '0' }, exit }).port).toBe(0);
  });

  it('Given a bad value, When booting, Then a fatal line names the variable and the process exits non-zero', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });

    let exitCode: number | undefined;
    try {
      bootConfigOrExit({ env: { PORT: 'abc' }, exit, logger: pino(sink) });
    } catch (error) {
      if (!(error instanceof ExitCalled)) throw error;
      exitCode = error.code;
    }

    expect(exitCode).toBe(EXIT_CONFIG);
    expect(exitCode).not.toBe(0);
    const line = JSON.parse(lines.join('')) as { level: number; msg: string };
    expect(line.level).toBe(60);
    expect(line.msg).toContain('PORT must be an integer port number');
  });
});
