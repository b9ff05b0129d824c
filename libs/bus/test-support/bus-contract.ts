import type { CloudEvent } from '@warden/contracts';
import { randomUUID } from 'node:crypto';
import type { Bus, DeliveredMessage } from '../src/bus.port';
import { InvalidEventError } from '../src/bus-errors';
import { waitUntil } from './collect';
import { createdEvent, orgId, renamedEvent, seqOf } from './events';

export interface BusUnderTest {
  readonly bus: Bus;
  /** Puts a message on the log WITHOUT producer validation (a poison message from a foreign producer). */
  injectUnvalidated(topic: string, key: string, candidate: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

const WAIT_MS = 60_000;

/**
 * The bus contract (DESIGN §2) both adapters must pass: durable, at-least-once, ordered per key, consumer groups
 * committing after the handler, validation on both sides, bounded retries then dead-letter with the reason.
 */
export function busContract(adapter: string, factory: () => Promise<BusUnderTest>): void {
  jest.setTimeout(120_000);
  describe(`Bus contract: ${adapter}`, () => {
    let subject: BusUnderTest;
    let bus: Bus;
    const topic = (name: string) => `warden.identity.v1.${name}.${randomUUID().slice(0, 8)}`;
    const group = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      subject = await factory();
      bus = subject.bus;
    });
    afterAll(async () => {
      await subject.close();
    });

    async function collect(groupId: string, topics: string[], until: (got: DeliveredMessage[]) => boolean) {
      const got: DeliveredMessage[] = [];
      const consumer = await bus.consume({ groupId, topics, handle: async (m) => void got.push(m) });
      const reached = await waitUntil(() => until(got), WAIT_MS);
      await consumer.close();
      return { got, reached };
    }

    it('Given published events, When a group consumes, Then it receives each envelope intact with key and topic', async () => {
      const t = topic('roundtrip');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const events = [renamedEvent(stream, 0), renamedEvent(stream, 1)];
      await bus.publish(
        t,
        events.map((event) => ({ key: stream, event })),
      );

      const { got } = await collect(group('roundtrip'), [t], (m) => m.length >= 2);

      expect(got.map((m) => m.event)).toEqual(events);
      expect(got.every((m) => m.key === stream && m.topic === t)).toBe(true);
    });

    it('Given events of several keys published in many batches, When consumed, Then each key keeps its order', async () => {
      const t = topic('order');
      await bus.ensureTopics([t]);
      const streams = [orgId(), orgId(), orgId(), orgId()];
      for (let batch = 0; batch < 10; batch++) {
        await bus.publish(
          t,
          streams.flatMap((s) => [0, 1, 2].map((i) => ({ key: s, event: renamedEvent(s, batch * 3 + i) }))),
        );
      }

      const { got } = await collect(group('order'), [t], (m) => m.length >= 120);

      for (const s of streams) {
        expect(got.filter((m) => m.key === s).map((m) => seqOf(m.event))).toEqual([...Array(30).keys()]);
      }
    });

    it('Given a batch with one invalid event, When published, Then it rejects with a typed error and sends nothing', async () => {
      const t = topic('invalid');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const broken = { ...renamedEvent(stream, 1), data: { organizationId: 'nope' } } as CloudEvent;

      await expect(
        bus.publish(t, [
          { key: stream, event: renamedEvent(stream, 0) },
          { key: stream, event: broken },
        ]),
      ).rejects.toBeInstanceOf(InvalidEventError);
      const marker = renamedEvent(stream, 99);
      await bus.publish(t, [{ key: stream, event: marker }]);

      const { got } = await collect(group('invalid'), [t], (m) => m.length >= 1);
      expect(got.map((m) => m.event.id)).toEqual([marker.id]);
    });

    it('Given a consumer closed mid-way, When the group restarts, Then it resumes after the last committed message: no loss, no replay', async () => {
      const t = topic('resume');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const events = [...Array(20).keys()].map((i) => renamedEvent(stream, i));
      await bus.publish(
        t,
        events.map((event) => ({ key: stream, event })),
      );
      const g = group('resume');
      const first: string[] = [];
      const consumer = await bus.consume({
        groupId: g,
        topics: [t],
        handle: async (m) => {
          first.push(m.event.id);
          if (first.length >= 8) await new Promise((resolve) => setTimeout(resolve, 200));
        },
      });
      await waitUntil(() => first.length >= 8, WAIT_MS);
      await consumer.close();

      const { got } = await collect(g, [t], (m) => first.length + m.length >= events.length);
      const second = got.map((m) => m.event.id);

      expect(first.length).toBeLessThan(events.length);
      expect([...first, ...second]).toEqual(events.map((e) => e.id));
    });

    it('Given a handler failing once, When it is retried, Then the message is handled and not dead-lettered', async () => {
      const t = topic('retry');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const event = renamedEvent(stream, 0);
      await bus.publish(t, [{ key: stream, event }]);
      const g = group('retry');
      let calls = 0;
      const handled: string[] = [];
      const consumer = await bus.consume({
        groupId: g,
        topics: [t],
        handle: async (m) => {
          if (++calls === 1) throw new Error('transient');
          handled.push(m.event.id);
        },
      });
      await waitUntil(() => handled.length >= 1, WAIT_MS);
      await consumer.close();

      expect(handled).toEqual([event.id]);
      expect(calls).toBe(2);
      expect(await bus.readDeadLetters(g, { timeoutMs: 5_000 })).toEqual([]);
    });

    it('Given a schema-invalid message and a handler that always throws, When consumed, Then both are dead-lettered with the reason and the next message is handled', async () => {
      const t = topic('dlq');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const invalid = { ...renamedEvent(stream, 0), data: { organizationId: 'not-an-org-id', name: 'x' } };
      const poison = renamedEvent(stream, 1);
      const after = renamedEvent(stream, 2);
      await subject.injectUnvalidated(t, stream, invalid);
      await bus.publish(t, [
        { key: stream, event: poison },
        { key: stream, event: after },
      ]);
      const g = group('dlq');
      const handled: string[] = [];
      let poisonCalls = 0;
      const consumer = await bus.consume({
        groupId: g,
        topics: [t],
        maxAttempts: 3,
        handle: async (m) => {
          if (m.event.id === poison.id) {
            poisonCalls++;
            throw new Error(`cannot handle ${m.event.id}`);
          }
          handled.push(m.event.id);
        },
      });
      await waitUntil(() => handled.length >= 1, WAIT_MS);
      await consumer.close();
      const letters = await bus.readDeadLetters(g, { timeoutMs: 30_000 });

      expect(handled).toEqual([after.id]);
      expect(poisonCalls).toBe(3);
      expect(letters).toHaveLength(2);
      const [schemaLetter, handlerLetter] = letters;
      expect(schemaLetter?.reason).toMatch(/organizationId/);
      expect(schemaLetter?.attempts).toBe(0);
      expect(schemaLetter?.topic).toBe(t);
      expect(schemaLetter?.key).toBe(stream);
      expect(handlerLetter?.reason).toBe(`cannot handle ${poison.id}`);
      expect(handlerLetter?.attempts).toBe(3);
      expect(handlerLetter?.headers.ce_id).toBe(poison.id);
    });

    it('Given a consumer of some types, When other types are interleaved and end the log, Then it gets only its types and its group resumes after all of them', async () => {
      const t = topic('types');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const events = [
        createdEvent(stream),
        renamedEvent(stream, 0),
        createdEvent(stream),
        renamedEvent(stream, 1),
        createdEvent(stream),
      ];
      await bus.publish(
        t,
        events.map((event) => ({ key: stream, event })),
      );
      const g = group('types');
      const handled: string[] = [];
      const consumer = await bus.consume({
        groupId: g,
        topics: [t],
        types: ['warden.identity.organization.renamed.'],
        handle: async (m) => void handled.push(m.event.type),
      });
      await waitUntil(() => handled.length >= 2, WAIT_MS);
      // The last event is passed over: give its position time to be committed too.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await consumer.close();
      const later = renamedEvent(stream, 2);
      await bus.publish(t, [{ key: stream, event: later }]);
      const { got } = await collect(g, [t], (messages) => messages.length >= 1);

      expect(handled).toEqual([
        'warden.identity.organization.renamed.v1',
        'warden.identity.organization.renamed.v1',
      ]);
      expect(got.map((m) => m.event.id)).toEqual([later.id]);
    });

    it('Given a batch handler closed mid-way, When the group restarts, Then every event came once, in log order, in batches of at most maxBatchSize', async () => {
      const t = topic('batch-resume');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const events = [...Array(20).keys()].map((i) => renamedEvent(stream, i));
      await bus.publish(
        t,
        events.map((event) => ({ key: stream, event })),
      );
      const g = group('batch-resume');
      const sizes: number[] = [];
      const first: string[] = [];
      const consumer = await bus.consume({
        groupId: g,
        topics: [t],
        maxBatchSize: 8,
        handleBatch: async (messages) => {
          sizes.push(messages.length);
          first.push(...messages.map((m) => m.event.id));
          await new Promise((resolve) => setTimeout(resolve, 200));
        },
      });
      await waitUntil(() => first.length >= 8, WAIT_MS);
      await consumer.close();
      const second: string[] = [];
      const again = await bus.consume({
        groupId: g,
        topics: [t],
        maxBatchSize: 8,
        handleBatch: async (messages) => {
          sizes.push(messages.length);
          second.push(...messages.map((m) => m.event.id));
        },
      });
      await waitUntil(() => first.length + second.length >= events.length, WAIT_MS);
      await again.close();

      expect(first.length).toBeLessThan(events.length);
      expect([...first, ...second]).toEqual(events.map((e) => e.id));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    });

    it('Given a batch handler, a schema-invalid message and a poison message in one batch, When consumed, Then both are dead-lettered with the reason and the others are handled', async () => {
      const t = topic('batch-dlq');
      await bus.ensureTopics([t]);
      const stream = orgId();
      const before = renamedEvent(stream, 0);
      const invalid = { ...renamedEvent(stream, 1), data: { organizationId: 'not-an-org-id', name: 'x' } };
      const poison = renamedEvent(stream, 2);
      const after = renamedEvent(stream, 3);
      await bus.publish(t, [{ key: stream, event: before }]);
      await subject.injectUnvalidated(t, stream, invalid);
      await bus.publish(t, [
        { key: stream, event: poison },
        { key: stream, event: after },
      ]);
      const g = group('batch-dlq');
      const handled: string[] = [];
      let poisonCalls = 0;
      const consumer = await bus.consume({
        groupId: g,
        topics: [t],
        maxAttempts: 3,
        handleBatch: async (messages) => {
          if (messages.some((m) => m.event.id === poison.id)) {
            poisonCalls++;
            throw new Error(`cannot handle ${poison.id}`);
          }
          handled.push(...messages.map((m) => m.event.id));
        },
      });
      await waitUntil(() => handled.includes(after.id), WAIT_MS);
      await consumer.close();
      const letters = await bus.readDeadLetters(g, { timeoutMs: 30_000 });

      expect(handled).toEqual([before.id, after.id]);
      expect(poisonCalls).toBeGreaterThanOrEqual(3);
      expect(letters.map((l) => [l.reason.includes('organizationId'), l.attempts])).toEqual([
        [true, 0],
        [false, 3],
      ]);
      expect(letters[1]?.reason).toBe(`cannot handle ${poison.id}`);
      expect(letters[1]?.headers.ce_id).toBe(poison.id);
    });
  });
}
