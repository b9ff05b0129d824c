import pino, { type Logger } from 'pino';
import { createLogger } from '../logging/create-logger';
import { ConfigError } from './config-error';
import { loadConfig, type ConfigDefaults, type Env } from './load-config';
import type { WardenConfig } from './warden-config';

/** sysexits.h EX_CONFIG: the process refused to start because of its configuration. */
export const EXIT_CONFIG = 78;

export interface BootOptions extends ConfigDefaults {
  readonly env?: Env;
  readonly exit?: (code: number) => never;
  /** Where the refusal is logged; by default a JSON line on stderr. */
  readonly logger?: Logger;
}

/**
 * The first call of every main.ts: a valid config, or a fatal log line naming the bad
 * variables and a non-zero exit. Nothing else starts on a bad configuration.
 */
export function bootConfigOrExit(options: BootOptions = {}): WardenConfig {
  try {
    return loadConfig(options.env ?? process.env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const logger =
      options.logger ??
      createLogger(
        { logLevel: 'info', serviceName: options.serviceName ?? 'warden' },
        pino.destination({ dest: 2, sync: true }),
      );
    logger.fatal({ code: error.code, problems: error.problems }, error.message);
    logger.flush();
    return (options.exit ?? process.exit)(EXIT_CONFIG);
  }
}
