import pino from 'pino';
import { renamedEvent } from '../../test-support/events';
import type { DeliveredMessage } from '../bus.port';
import { ConsumerClosingError } from '../bus-errors';
import { decodeCloudEvent, encodeCloudEvent } from '../cloud-event-codec';
import { processBatch, type BatchProcessOptions } from './process-batch';
import type { ReceivedMessage } from './received-message';

const received = (offset: number, candidate: Record<string, unknown>): ReceivedMessage => {
  const { headers, value } = encodeCloudEvent(candidate as never);
  return {
    topic: 'warden.identity.v1',
    partition: 2,
    offset: String(offset),
    key: 'org_a',
    value,
    headers,
    decoded: decodeCloudEvent(headers, value),
  };
};
const valid = (offset: number) => received(offset, { ...renamedEvent('org_a', offset, `e${offset}`) });
const options = (
  handleBatch: (messages: readonly DeliveredMessage[]) => Promise<void>,
  closing = false,
): BatchProcessOptions => ({
  handleBatch,
  maxAttempts: 3,
  backoff: { initialMs: 1, maxMs: 1 },
  isClosing: () => closing,
  logger: pino({ level: 'silent' }),
});
const ids = (messages: readonly DeliveredMessage[]) => messages.map((m) => m.event.id);

describe('processBatch', () => {
  it('Given valid messages, When the handler resolves, Then it gets them all in one call in log order and nothing is dead-lettered', async () => {
    const calls: string[][] = [];

    const letters = await processBatch(
      [0, 1, 2].map(valid),
      options(async (messages) => void calls.push(ids(messages))),
    );

    expect(calls).toEqual([['e0', 'e1', 'e2']]);
    expect(letters).toEqual([]);
  });

  it('Given a schema-invalid message among valid ones, When processed, Then it is dead-lettered with the reason and left out of the call', async () => {
    const calls: string[][] = [];
    const invalid = received(1, { ...renamedEvent('org_a', 1, 'e1'), data: { organizationId: 'bad' } });

    const letters = await processBatch(
      [valid(0), invalid, valid(2)],
      options(async (messages) => void calls.push(ids(messages))),
    );

    expect(calls).toEqual([['e0', 'e2']]);
    expect(letters.map((l) => [l.offset, l.attempts])).toEqual([['1', 0]]);
    expect(letters[0]?.reason).toMatch(/^data: .*organizationId/);
  });

  it('Given a poison message, When the batch keeps failing, Then the messages are retried alone and only the poison one is dead-lettered after maxAttempts', async () => {
    const calls: string[][] = [];

    const letters = await processBatch(
      [0, 1, 2].map(valid),
      options(async (messages) => {
        calls.push(ids(messages));
        if (messages.some((m) => m.event.id === 'e1')) throw new Error('cannot handle e1');
      }),
    );

    expect(calls).toEqual([
      ['e0', 'e1', 'e2'],
      ['e0', 'e1', 'e2'],
      ['e0', 'e1', 'e2'],
      ['e0'],
      ['e1'],
      ['e1'],
      ['e1'],
      ['e2'],
    ]);
    expect(letters.map((l) => [l.offset, l.reason, l.attempts])).toEqual([['1', 'cannot handle e1', 3]]);
    expect(letters[0]?.headers['ce_id']).toBe('e1');
  });

  it('Given a handler failing once, When processed, Then the retry handles the whole batch', async () => {
    let calls = 0;

    const letters = await processBatch(
      [0, 1].map(valid),
      options(async () => {
        if (++calls === 1) throw new Error('transient');
      }),
    );

    expect([calls, letters]).toEqual([2, []]);
  });

  it('Given the consumer is closing, When the handler fails, Then it stops without an outcome (not committed)', async () => {
    const failing = options(async () => {
      throw new Error('down');
    }, true);

    await expect(processBatch([0, 1].map(valid), failing)).rejects.toBeInstanceOf(ConsumerClosingError);
  });

  it('Given a batch falling back to one message at a time, When processed, Then the group hears a heartbeat between the calls', async () => {
    let beats = 0;
    const failing = {
      ...options(async (messages) => {
        if (messages.length > 1) throw new Error('too many');
      }),
      heartbeat: async () => void beats++,
    };

    const letters = await processBatch([0, 1, 2].map(valid), failing);

    expect(letters).toEqual([]);
    expect(beats).toBe(3 + 3);
  });
});
