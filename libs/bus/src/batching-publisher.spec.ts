import type { OutgoingMessage } from './bus.port';
import { BatchingPublisher } from './batching-publisher';

function message(key: string): OutgoingMessage {
  return { key, event: { id: key } as OutgoingMessage['event'] };
}

/** A publish whose completion the test controls, recording each call's keys. */
function controlledBus() {
  const calls: { keys: string[]; settle(error?: Error): void }[] = [];
  return {
    calls,
    publish: (_topic: string, messages: readonly OutgoingMessage[]) =>
      new Promise<void>((resolve, reject) => {
        calls.push({
          keys: messages.map((m) => m.key),
          settle: (error) => (error === undefined ? resolve() : reject(error)),
        });
      }),
  };
}

describe('BatchingPublisher', () => {
  it('Given a publish in flight, When more callers arrive, Then they share the next publish and each resolves after its own', async () => {
    const bus = controlledBus();
    const publisher = new BatchingPublisher(bus, 't', { maxInFlight: 1 });
    const first = publisher.publish([message('a')]);
    const second = publisher.publish([message('b')]);
    const third = publisher.publish([message('c')]);
    expect(bus.calls.map((c) => c.keys)).toEqual([['a']]);
    bus.calls[0]?.settle();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(bus.calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c']]);
    let settled = false;
    void second.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    bus.calls[1]?.settle();
    await Promise.all([second, third]);
  });

  it('Given a failing publish, When it fails, Then every caller of that batch rejects and the next batch still goes', async () => {
    const bus = controlledBus();
    const publisher = new BatchingPublisher(bus, 't', { maxInFlight: 1 });
    const first = publisher.publish([message('a')]);
    const second = publisher.publish([message('b')]);
    bus.calls[0]?.settle(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    bus.calls[1]?.settle();
    await expect(second).resolves.toBeUndefined();
  });
});
