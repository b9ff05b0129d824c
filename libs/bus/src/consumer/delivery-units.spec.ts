import pino from 'pino';
import { renamedEvent } from '../../test-support/events';
import type { DeliveredMessage } from '../bus.port';
import { decodeCloudEvent, encodeCloudEvent } from '../cloud-event-codec';
import { deliveryUnits } from './delivery-units';
import type { ReceivedMessage } from './received-message';

const receive = (offset: number): ReceivedMessage => {
  const { headers, value } = encodeCloudEvent(renamedEvent('org_a', offset, `e${offset}`));
  return {
    topic: 't',
    partition: 0,
    offset: String(offset),
    key: 'org_a',
    value,
    headers,
    decoded: decodeCloudEvent(headers, value),
  };
};
const retry = {
  maxAttempts: 1,
  isClosing: () => false,
  logger: pino({ level: 'silent' }),
};
const offsets = [10, 11, 12, 13, 14];
const RENAMED = 'warden.identity.organization.renamed.v1';
const reader = { offsetOf: String, typeOf: () => RENAMED, receive };
/** Offsets 11 and 14 carry another type; 13's type cannot be read without decoding. */
const mixed = {
  offsetOf: String,
  typeOf: (offset: number) =>
    offset === 13
      ? undefined
      : offset === 11 || offset === 14
        ? 'warden.guardrails.scan.completed.v1'
        : RENAMED,
  receive,
};

describe('deliveryUnits', () => {
  it('Given a batch handler, When messages are cut, Then each unit covers at most maxBatchSize consecutive messages', async () => {
    const calls: string[][] = [];
    const units = deliveryUnits(
      offsets,
      reader,
      {
        groupId: 'g',
        topics: ['t'],
        maxBatchSize: 2,
        handleBatch: async (messages) => void calls.push(messages.map((m) => m.offset)),
      },
      retry,
    );

    for (const unit of units) await unit.run();

    expect(units.map((u) => [u.lastOffset, u.size])).toEqual([
      ['11', 2],
      ['13', 2],
      ['14', 1],
    ]);
    expect(calls).toEqual([['10', '11'], ['12', '13'], ['14']]);
  });

  it('Given a message handler, When messages are cut, Then there is one unit per message', async () => {
    const seen: DeliveredMessage[] = [];
    const units = deliveryUnits(
      offsets,
      reader,
      {
        groupId: 'g',
        topics: ['t'],
        handle: async (message) => void seen.push(message),
      },
      retry,
    );

    for (const unit of units) await unit.run();

    expect(units.map((u) => u.lastOffset)).toEqual(offsets.map(String));
    expect(seen.map((m) => m.event.id)).toEqual(offsets.map((o) => `e${o}`));
  });

  it('Given a message handler for identity types, When other types are in the run, Then they are passed over, an unreadable type is handed over, and the last unit still ends the run', async () => {
    const seen: string[] = [];
    const units = deliveryUnits(
      offsets,
      mixed,
      {
        groupId: 'g',
        topics: ['t'],
        types: ['warden.identity.'],
        handle: async (m) => void seen.push(m.offset),
      },
      retry,
    );

    for (const unit of units) await unit.run();

    expect(seen).toEqual(['10', '12', '13']);
    expect(units.map((u) => [u.lastOffset, u.size])).toEqual([
      ['10', 1],
      ['12', 1],
      ['13', 1],
      ['14', 0],
    ]);
  });

  it('Given a batch handler for identity types, When other types are in the run, Then batches hold only its types and the run is covered to its end', async () => {
    const calls: string[][] = [];
    const units = deliveryUnits(
      offsets,
      mixed,
      {
        groupId: 'g',
        topics: ['t'],
        types: ['warden.identity.'],
        maxBatchSize: 2,
        handleBatch: async (messages) => void calls.push(messages.map((m) => m.offset)),
      },
      retry,
    );

    for (const unit of units) await unit.run();

    expect(calls).toEqual([['10', '12'], ['13']]);
    expect(units[units.length - 1]?.lastOffset).toBe('14');
  });
});
