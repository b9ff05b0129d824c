import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/** Routes kafkajs logs into pino (never the console). */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      const fields = { kafkajs: namespace, ...extra };
      switch (level) {
        case logLevel.ERROR:
          logger.error(fields, message);
          break;
        case logLevel.WARN:
          logger.warn(fields, message);
          break;
        case logLevel.INFO:
          logger.info(fields, message);
          break;
        default:
          logger.debug(fields, message);
      }
    };
}

/** pino's level → the kafkajs level, so kafkajs does not even build the entries pino would drop. */
export function kafkaLogLevel(logger: Logger): logLevel {
  switch (logger.level) {
    case 'debug':
    case 'trace':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
}
