import pino, {
  type Bindings,
  type ChildLoggerOptions,
  type DestinationStream,
  type Logger,
  type LoggerOptions,
} from 'pino';
import type { WardenConfig } from '../config/warden-config';
import { sanitize } from './redaction';

export type { Logger } from 'pino';

export const WARDEN_LOGGER = Symbol('WARDEN_LOGGER');

/** Secret-bearing paths pino removes itself as a second line of defence, e.g. when a serializer re-adds them. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/**
 * The process logger: JSON lines, one `service` binding, every argument (message, interpolation values,
 * merged objects, child bindings) passed through `sanitize` so no secret or raw API key reaches a line.
 */
export function createLogger(
  config: Pick<WardenConfig, 'logLevel' | 'serviceName'>,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    base: { service: config.serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => sanitize(bindings) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const safe = args.map((arg) => sanitize(arg)) as Parameters<typeof method>;
        method.apply(this, safe);
      },
    },
  };
  return sanitizingChildBindings(destination ? pino(options, destination) : pino(options));
}

/**
 * pino applies `formatters.bindings` to the root only; children inherit this `child` through their
 * prototype chain, so bindings are sanitized at every level of child loggers.
 */
function sanitizingChildBindings(logger: Logger): Logger {
  // The prototype's own method, captured unbound: it is re-applied with each child's `this` below.
  const child = Reflect.get(logger, 'child') as unknown as (this: Logger, ...args: unknown[]) => Logger;
  Object.defineProperty(logger, 'child', {
    configurable: true,
    writable: true,
    value: function sanitizedChild(
      this: Logger,
      bindings: Bindings,
      childOptions?: ChildLoggerOptions,
    ): Logger {
      return child.call(this, sanitize(bindings), childOptions);
    },
  });
  return logger;
}
