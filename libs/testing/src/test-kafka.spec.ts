import { testKafkaBrokers, uniqueTestPrefix } from './test-kafka';

describe('testKafkaBrokers', () => {
  const saved = process.env.KAFKA_BROKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = saved;
  });

  it('given KAFKA_BROKERS with two brokers, when read, then both are returned trimmed', () => {
    process.env.KAFKA_BROKERS = '127.0.0.1:9092, 127.0.0.1:9094';
    expect(testKafkaBrokers()).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
  });

  it('given KAFKA_BROKERS unset, when read, then the error says how integration tests are run', () => {
    delete process.env.KAFKA_BROKERS;
    expect(() => testKafkaBrokers()).toThrow(
      /KAFKA_BROKERS is not set: run integration tests through `npm test`/,
    );
  });
});

describe('uniqueTestPrefix', () => {
  it('when called twice, then it gives two different prefixes that are valid in topic names', () => {
    const first = uniqueTestPrefix();
    const second = uniqueTestPrefix();
    expect(first).toMatch(/^t[0-9a-f]{8}\.$/);
    expect(second).toMatch(/^t[0-9a-f]{8}\.$/);
    expect(first).not.toBe(second);
  });
});
