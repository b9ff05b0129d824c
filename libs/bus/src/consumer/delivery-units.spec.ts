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

describe('deliveryUnits', () => {
  it('Given a batch handler, When messages are cut, Then each unit covers at most maxBatchSize consecutive messages', async () => {
    const calls: string[][] = [];
    const units = deliveryUnits(
      offsets,
      String,
      receive,
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
      String,
      receive,
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
});
