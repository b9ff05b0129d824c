import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { waitFor } from '@warden/testing';
import { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store-errors';
import type { EventStore, StoredEvent } from './event-store.port';
import { testEvent } from './test-event';

export { testEvent };

export interface OpenedEventStore {
  readonly store: EventStore;
  /** Closes the store and the connection(s) it runs on. */
  close(): Promise<void>;
}

export interface EventStoreFixture {
  /** Opens a store on the suite's one database (the same data on every call). */
  open(): Promise<OpenedEventStore>;
  /** Whether several stores may be open at once, as separate processes would be (PostgreSQL yes, PGlite no). */
  readonly concurrentOpen: boolean;
}

const streamName = (label: string) => `${label}-${randomUUID()}`;

async function headPosition(store: EventStore): Promise<number> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1_000 });
    const last = page[page.length - 1];
    if (last === undefined) return after;
    after = last.position;
  }
}

/** The behaviour every EventStore adapter promises; run against PostgreSQL and PGlite. */
export function eventStoreContract(name: string, fixture: () => EventStoreFixture): void {
  describe(`EventStore contract: ${name}`, () => {
    let opened: OpenedEventStore;
    let store: EventStore;
    /** A second store on the same database (another "process") where the adapter allows it. */
    let other: OpenedEventStore | undefined;
    let rival: EventStore;

    beforeAll(async () => {
      opened = await fixture().open();
      store = opened.store;
      other = fixture().concurrentOpen ? await fixture().open() : undefined;
      rival = other?.store ?? store;
    });

    afterAll(async () => {
      await other?.close();
      await opened.close();
    });

    describe('append and read a stream', () => {
      it('stores events with 0-based revisions and returns the envelope unchanged', async () => {
        const streamId = streamName('basic');
        const events = [testEvent(streamId), testEvent(streamId), testEvent(streamId)];

        const result = await store.append(streamId, events, 'no_stream');
        const read = await store.readStream(streamId);

        expect(result.nextExpectedRevision).toBe(2);
        expect(read.map((e) => [e.streamId, e.revision, e.event])).toEqual(
          events.map((e, i) => [streamId, i, e]),
        );
        expect(read[2]?.position).toBe(result.lastPosition);
        expect(read.map((e) => e.position - read[0].position)).toEqual([0, 1, 2]);
      });

      it('reads a stream from a revision and an unknown stream as empty', async () => {
        const streamId = streamName('from');
        await store.append(streamId, [testEvent(streamId), testEvent(streamId), testEvent(streamId)], 'any');

        expect((await store.readStream(streamId, 1)).map((e) => e.revision)).toEqual([1, 2]);
        expect(await store.readStream(streamName('unknown'))).toEqual([]);
      });

      it('accepts each form of expected revision when the stream stands there', async () => {
        const streamId = streamName('expected');

        await store.append(streamId, [testEvent(streamId)], 'no_stream');
        await store.append(streamId, [testEvent(streamId)], 0);
        await store.append(streamId, [testEvent(streamId)], 'stream_exists');
        const last = await store.append(streamId, [testEvent(streamId)], 'any');

        expect(last.nextExpectedRevision).toBe(3);
      });

      it.each([
        ['a stale revision', 0, 1],
        ['no_stream on an existing stream', 'no_stream', 1],
        ['a revision ahead of the stream', 5, 1],
      ] as const)('refuses %s with a typed conflict and writes nothing', async (_label, expected, actual) => {
        const streamId = streamName('conflict');
        await store.append(streamId, [testEvent(streamId), testEvent(streamId)], 'no_stream');
        const head = await headPosition(store);

        const attempt = store.append(streamId, [testEvent(streamId), testEvent(streamId)], expected);

        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({
          code: 'eventstore.wrong_expected_revision',
          streamId,
          expected,
          actual,
        });
        expect(await store.readStream(streamId)).toHaveLength(2);
        expect(await headPosition(store)).toBe(head);
      });

      it('treats an empty append as a check of the expected revision that writes nothing', async () => {
        const streamId = streamName('empty');
        const written = await store.append(streamId, [testEvent(streamId), testEvent(streamId)], 'no_stream');
        const head = await headPosition(store);

        const checked = await store.append(streamId, [], 1);

        expect(checked).toEqual(written);
        await expect(store.append(streamId, [], 'no_stream')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await headPosition(store)).toBe(head);
      });

      it('refuses stream_exists on a missing stream, reporting no_stream', async () => {
        const streamId = streamName('missing');

        await expect(store.append(streamId, [testEvent(streamId)], 'stream_exists')).rejects.toMatchObject({
          code: 'eventstore.wrong_expected_revision',
          actual: 'no_stream',
        });
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('concurrent appends to one stream (issue 2, item 1)', () => {
      it('lets exactly one of two appends at the same expected revision win; the loser writes nothing', async () => {
        for (let round = 0; round < 10; round++) {
          const streamId = streamName('race');
          await store.append(streamId, [testEvent(streamId)], 'no_stream');
          const first = [testEvent(streamId, 'a1'), testEvent(streamId, 'a2'), testEvent(streamId, 'a3')];
          const second = [testEvent(streamId, 'b1'), testEvent(streamId, 'b2'), testEvent(streamId, 'b3')];

          const outcomes = await Promise.allSettled([
            store.append(streamId, first, 0),
            rival.append(streamId, second, 0),
          ]);

          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0]).toBeInstanceOf(WrongExpectedRevisionError);
          expect(lost[0]).toMatchObject({ streamId, expected: 0, actual: 3 });
          const winner = outcomes[0]?.status === 'fulfilled' ? first : second;
          const stored = await store.readStream(streamId);
          expect(stored.map((e) => e.event.id)).toEqual([stored[0].event.id, ...winner.map((e) => e.id)]);
        }
      });
    });

    describe('idempotency on event id', () => {
      it('answers a re-append of the same events at the same place with the first result, writing nothing', async () => {
        const streamId = streamName('idem');
        const events = [testEvent(streamId), testEvent(streamId)];
        const first = await store.append(streamId, events, 'no_stream');
        const head = await headPosition(store);

        const again = await rival.append(streamId, events, 'no_stream');
        const withAny = await store.append(streamId, events, 'any');

        expect(again).toEqual(first);
        expect(withAny).toEqual(first);
        expect(await headPosition(store)).toBe(head);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('replays a retried append even after the stream moved on', async () => {
        const streamId = streamName('idem-later');
        await store.append(streamId, [testEvent(streamId)], 'no_stream');
        const retried = [testEvent(streamId)];
        const first = await store.append(streamId, retried, 0);
        await store.append(streamId, [testEvent(streamId)], 1);

        await expect(store.append(streamId, retried, 0)).resolves.toEqual(first);
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses an event id reused in another stream, or with other events, and writes nothing', async () => {
        const streamId = streamName('idem-src');
        const used = testEvent(streamId);
        await store.append(streamId, [used], 'no_stream');
        const elsewhere = streamName('idem-dst');
        const head = await headPosition(store);

        await expect(store.append(elsewhere, [testEvent(elsewhere), used], 'any')).rejects.toMatchObject({
          code: 'eventstore.duplicate_event_id',
        });
        await expect(store.append(streamId, [used, testEvent(streamId)], 'any')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect(await store.readStream(elsewhere)).toEqual([]);
        expect(await headPosition(store)).toBe(head);
      });
    });

    describe('read all', () => {
      it('pages through every stream in global order with gap-free positions', async () => {
        const head = await headPosition(store);
        const a = streamName('all-a');
        const b = streamName('all-b');
        const appended = [testEvent(a), testEvent(b), testEvent(a), testEvent(b), testEvent(b)];
        await store.append(a, [appended[0]], 'any');
        await store.append(b, [appended[1]], 'any');
        await store.append(a, [appended[2]], 'any');
        await store.append(b, [appended[3], appended[4]], 'any');

        const pages = [
          await store.readAll({ after: head, limit: 2 }),
          await store.readAll({ after: head + 2, limit: 2 }),
          await store.readAll({ after: head + 4, limit: 2 }),
        ];

        expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
        const all = pages.flat();
        expect(all.map((e) => e.position)).toEqual([1, 2, 3, 4, 5].map((n) => head + n));
        expect(all.map((e) => e.event.id)).toEqual(appended.map((e) => e.id));
        expect(all.map((e) => [e.streamId, e.revision])).toEqual([
          [a, 0],
          [b, 0],
          [a, 1],
          [b, 1],
          [b, 2],
        ]);
      });
    });

    describe('subscribe', () => {
      it('delivers everything after a checkpoint in order, including events appended later, until closed', async () => {
        const streamId = streamName('sub');
        await store.append(streamId, [testEvent(streamId), testEvent(streamId)], 'no_stream');
        const checkpoint = await headPosition(store);
        await store.saveCheckpoint(`sub-${streamId}`, checkpoint);
        const early = [testEvent(streamId), testEvent(streamId), testEvent(streamId)];
        await store.append(streamId, early, 1);
        const seen: StoredEvent[] = [];

        const subscription = store.subscribe({
          after: await store.loadCheckpoint(`sub-${streamId}`),
          batchSize: 2,
          onEvents: async (batch) => {
            seen.push(...batch);
          },
        });
        const late = [testEvent(streamId), testEvent(streamId)];
        await rival.append(streamId, late, 4);
        await waitFor(() => seen.length >= 5, { message: 'subscription caught up' });
        await subscription.close();
        await store.append(streamId, [testEvent(streamId)], 6);
        await new Promise((resolve) => setTimeout(resolve, 300));

        expect(seen.map((e) => e.event.id)).toEqual([...early, ...late].map((e) => e.id));
        expect(seen.map((e) => e.position)).toEqual([1, 2, 3, 4, 5].map((n) => checkpoint + n));
      });

      it('waits for each batch handler before delivering the next', async () => {
        const streamId = streamName('sub-slow');
        const head = await headPosition(store);
        await store.append(
          streamId,
          Array.from({ length: 6 }, () => testEvent(streamId)),
          'no_stream',
        );
        let inFlight = 0;
        let overlapped = false;
        const seen: number[] = [];

        const subscription = store.subscribe({
          after: head,
          batchSize: 2,
          onEvents: async (batch) => {
            inFlight++;
            overlapped ||= inFlight > 1;
            await new Promise((resolve) => setTimeout(resolve, 20));
            seen.push(...batch.map((e) => e.position));
            inFlight--;
          },
        });
        await waitFor(() => seen.length >= 6, { message: 'six events handled' });
        await subscription.close();

        expect(overlapped).toBe(false);
        expect(seen.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6].map((n) => head + n));
      });
    });

    describe('checkpoints', () => {
      it('start at 0, keep the last saved position and survive reopening the store', async () => {
        const name = streamName('checkpoint');
        expect(await store.loadCheckpoint(name)).toBe(0);
        await store.saveCheckpoint(name, 41);
        await store.saveCheckpoint(name, 42);

        await other?.close();
        other = undefined;
        await opened.close();
        opened = await fixture().open();
        store = opened.store;
        other = fixture().concurrentOpen ? await fixture().open() : undefined;
        rival = other?.store ?? store;

        expect(await store.loadCheckpoint(name)).toBe(42);
      });
    });

    describe('global order under concurrency', () => {
      it('gives a concurrent subscriber every event exactly once, in gap-free position order', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({ stream: fc.integer({ min: 0, max: 5 }), size: fc.integer({ min: 1, max: 3 }) }),
              {
                minLength: 5,
                maxLength: 40,
              },
            ),
            async (batches) => {
              const streams = Array.from({ length: 6 }, () => streamName('order'));
              const head = await headPosition(store);
              const seen: StoredEvent[] = [];
              const subscription = store.subscribe({
                after: head,
                batchSize: 7,
                onEvents: async (batch) => {
                  seen.push(...batch);
                },
              });
              const appenders = [store, rival];
              const appended = await Promise.all(
                batches.map(async (batch, i) => {
                  const streamId = streams[batch.stream];
                  const events = Array.from({ length: batch.size }, () => testEvent(streamId));
                  await appenders[i % appenders.length].append(streamId, events, 'any');
                  return events;
                }),
              );
              const total = appended.flat().length;
              await waitFor(() => seen.length >= total, { message: `${total} events delivered` });
              await subscription.close();

              expect(seen.map((e) => e.position)).toEqual(
                Array.from({ length: total }, (_, i) => head + i + 1),
              );
              expect(new Set(seen.map((e) => e.event.id))).toEqual(new Set(appended.flat().map((e) => e.id)));
              for (const streamId of streams) {
                const revisions = seen.filter((e) => e.streamId === streamId).map((e) => e.revision);
                expect(revisions).toEqual(revisions.map((_, i) => i));
              }
              for (const events of appended) {
                const positions = events.map((event) => seen.find((e) => e.event.id === event.id)!.position);
                expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
              }
            },
          ),
          { numRuns: 8 },
        );
      });
    });
  });
}
