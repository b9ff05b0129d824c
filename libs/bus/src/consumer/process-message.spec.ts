import pino from 'pino';
import { renamedEvent } from '../../test-support/events';
import type { DeliveredMessage } from '../bus.port';
import { ConsumerClosingError } from '../bus-errors';
import { encodeCloudEvent, decodeCloudEvent } from '../cloud-event-codec';
import { processMessage, type ProcessOptions } from './process-message';

const received = (candidate: Record<string, unknown>) => {
  const { headers, value } = encodeCloudEvent(candidate as never);
  return {
    topic: 'warden.identity.v1',
    partition: 1,
    offset: '7',
    key: 'org_a',
    value,
    headers,
    decoded: decodeCloudEvent(headers, value),
  };
};
const options = (handle: (m: DeliveredMessage) => Promise<void>, closing = false): ProcessOptions => ({
  handle,
  maxAttempts: 3,
  backoff: { initialMs: 1, maxMs: 1 },
  isClosing: () => closing,
  logger: pino({ level: 'silent' }),
});

describe('processMessage', () => {
  it('Given a valid event, When the handler resolves, Then it is handled on the first attempt with the envelope', async () => {
    const event = renamedEvent('org_a', 0);
    const seen: DeliveredMessage[] = [];

    const outcome = await processMessage(
      received({ ...event }),
      options(async (m) => void seen.push(m)),
    );

    expect(outcome).toEqual({ kind: 'handled', attempts: 1 });
    expect(seen[0]).toEqual({ topic: 'warden.identity.v1', partition: 1, offset: '7', key: 'org_a', event });
  });

  it('Given an event failing its schema, When processed, Then it is dead-lettered at once with the schema reason', async () => {
    let calls = 0;
    const outcome = await processMessage(
      received({ ...renamedEvent('org_a', 0), data: { organizationId: 'bad' } }),
      options(async () => void calls++),
    );

    expect(calls).toBe(0);
    expect(outcome.kind === 'dead-lettered' && outcome.letter.attempts).toBe(0);
    expect(outcome.kind === 'dead-lettered' && outcome.letter.reason).toMatch(/^data: .*organizationId/);
  });

  it('Given a handler that always throws, When processed, Then it is dead-lettered after maxAttempts with the last error', async () => {
    let calls = 0;
    const outcome = await processMessage(
      received({ ...renamedEvent('org_a', 0) }),
      options(async () => {
        throw new Error(`failure ${++calls}`);
      }),
    );

    expect(outcome.kind === 'dead-lettered' && [outcome.letter.reason, outcome.letter.attempts]).toEqual([
      'failure 3',
      3,
    ]);
  });

  it('Given a handler failing once, When processed, Then the retry handles it', async () => {
    let calls = 0;
    const outcome = await processMessage(
      received({ ...renamedEvent('org_a', 0) }),
      options(async () => {
        if (++calls === 1) throw new Error('transient');
      }),
    );

    expect(outcome).toEqual({ kind: 'handled', attempts: 2 });
  });

  it('Given the consumer is closing, When the handler fails, Then it stops retrying without an outcome (not committed)', async () => {
    const failing = options(async () => {
      throw new Error('down');
    }, true);

    await expect(processMessage(received({ ...renamedEvent('org_a', 0) }), failing)).rejects.toBeInstanceOf(
      ConsumerClosingError,
    );
  });
});
