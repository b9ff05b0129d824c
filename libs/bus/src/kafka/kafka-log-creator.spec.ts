import { logLevel } from 'kafkajs';
import pino from 'pino';
import { Writable } from 'node:stream';
import { kafkaLogLevel, pinoLogCreator } from './kafka-log-creator';

describe('pinoLogCreator', () => {
  it('Given a kafkajs log entry, When logged, Then pino receives it with its level, namespace and fields', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);

    pinoLogCreator(logger)(logLevel.INFO)({
      namespace: 'Consumer',
      level: logLevel.WARN,
      label: 'WARN',
      log: { timestamp: 'now', logger: 'kafkajs', message: 'rebalancing', groupId: 'g1' },
    });

    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect([entry.level, entry.msg, entry.kafkajs, entry.groupId]).toEqual([
      40,
      'rebalancing',
      'Consumer',
      'g1',
    ]);
  });

  it('Given pino levels, When mapped, Then kafkajs only builds entries pino would write', () => {
    const levels = ['debug', 'info', 'warn', 'error', 'silent'].map((level) =>
      kafkaLogLevel(pino({ level })),
    );

    expect(levels).toEqual([logLevel.DEBUG, logLevel.INFO, logLevel.WARN, logLevel.ERROR, logLevel.NOTHING]);
  });
});
