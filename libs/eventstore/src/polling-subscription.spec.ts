import type { StoredEvent } from './event-store.port';
import { PollingSubscription } from './polling-subscription';

const stored = (position: number): StoredEvent => ({
  streamId: 's',
  revision: position - 1,
  position,
  event: {
    specversion: '1.0',
    id: `e-${position}`,
    source: 'test',
    type: 'warden.test.thing.happened.v1',
    time: '2026-01-01T00:00:00.000Z',
    subject: 's',
    datacontenttype: 'application/json',
    data: {},
    orgid: 'org',
  },
});

/** An in-memory log standing in for readAll, so the loop's ordering rules can be checked without I/O. */
function memoryLog(count: number) {
  const events = Array.from({ length: count }, (_, i) => stored(i + 1));
  return {
    events,
    read: async (after: number, limit: number) => events.filter((e) => e.position > after).slice(0, limit),
  };
}

const timing = { pollIntervalMs: 5, errorBackoffMs: 5 };

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('PollingSubscription', () => {
  it('given a log, when subscribed after a checkpoint, then delivers the rest in order, one batch at a time', async () => {
    const log = memoryLog(23);
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const subscription = new PollingSubscription(
      log.read,
      {
        after: 3,
        batchSize: 5,
        onEvents: async (batch) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push(...batch.map((e) => e.position));
          inFlight--;
        },
      },
      timing,
      () => undefined,
      () => undefined,
    );

    await until(() => seen.length === 20);
    await subscription.close();

    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 4));
    expect(maxInFlight).toBe(1);
  });

  it('given a handler that fails once, when delivering, then reports it and redelivers the same batch', async () => {
    const log = memoryLog(3);
    const errors: unknown[] = [];
    const seen: number[] = [];
    let failed = false;
    const subscription = new PollingSubscription(
      log.read,
      {
        after: 0,
        onEvents: async (batch) => {
          if (!failed) {
            failed = true;
            throw new Error('handler down');
          }
          seen.push(...batch.map((e) => e.position));
        },
        onError: (error) => errors.push(error),
      },
      timing,
      () => undefined,
      () => undefined,
    );

    await until(() => seen.length === 3);
    await subscription.close();

    expect(seen).toEqual([1, 2, 3]);
    expect(errors).toEqual([new Error('handler down')]);
  });

  it('given a running handler, when closing, then close waits for it and nothing is delivered afterwards', async () => {
    const log = memoryLog(1);
    let finished = false;
    let calls = 0;
    let closed = false;
    const subscription = new PollingSubscription(
      log.read,
      {
        after: 0,
        onEvents: async () => {
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 30));
          finished = true;
        },
      },
      timing,
      () => void (closed = true),
      () => undefined,
    );
    await until(() => calls === 1);

    await subscription.close();
    log.events.push(stored(2));
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect({ finished, calls, closed }).toEqual({ finished: true, calls: 1, closed: true });
  });
});
