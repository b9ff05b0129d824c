import { PgliteSqlClient, PgSqlClient, type SqlClient } from '@warden/sql';
import { createTestDatabase } from '@warden/testing';
import pino from 'pino';
import type { CloudEvent } from '@warden/contracts';
import { busContract, type BusUnderTest } from '../../test-support/bus-contract';
import { UnknownTopicError } from '../bus-errors';
import { encodeCloudEvent } from '../cloud-event-codec';
import { orgId, renamedEvent, seqOf } from '../../test-support/events';
import { SqlLogBus } from './sql-log-bus';

async function underTest(sql: SqlClient, release: () => Promise<void>): Promise<BusUnderTest> {
  const bus = await SqlLogBus.open(sql, {
    logger: pino({ level: 'error' }),
    backoff: { initialMs: 10, maxMs: 50 },
    pollIntervalMs: 50,
  });
  return {
    bus,
    injectUnvalidated: async (topic, key, candidate) => {
      await sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ next_offset: number }>(
          'UPDATE bus_topics SET next_offset = next_offset + 1 WHERE topic = $1 RETURNING next_offset',
          [topic],
        );
        await tx.query(
          'INSERT INTO bus_log (topic, "offset", key, envelope, headers) VALUES ($1, $2, $3, $4, $5)',
          [
            topic,
            Number(rows[0]?.next_offset) - 1,
            key,
            JSON.stringify(candidate),
            JSON.stringify(encodeCloudEvent(candidate as unknown as CloudEvent).headers),
          ],
        );
      });
    },
    close: async () => {
      await bus.close();
      await release();
    },
  };
}

busContract('SqlLogBus on PGlite', async () => {
  const sql = await PgliteSqlClient.open();
  return underTest(sql, () => sql.close());
});

busContract('SqlLogBus on PostgreSQL', async () => {
  const db = await createTestDatabase('bus_log');
  const sql = new PgSqlClient({ connectionString: db.url });
  return underTest(sql, async () => {
    await sql.close();
    await db.drop();
  });
});

describe('SqlLogBus on PostgreSQL: publishing', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: PgSqlClient;
  let bus: SqlLogBus;

  beforeAll(async () => {
    db = await createTestDatabase('bus_log_publish');
    sql = new PgSqlClient({ connectionString: db.url });
    bus = await SqlLogBus.open(sql, { logger: pino({ level: 'error' }) });
  });
  afterAll(async () => {
    await bus.close();
    await sql.close();
    await db.drop();
  });

  it('Given a topic never created, When a batch is published on it, Then it rejects with UnknownTopicError and writes nothing', async () => {
    const stream = orgId();

    await expect(
      bus.publish('warden.identity.v1.missing', [{ key: stream, event: renamedEvent(stream, 0) }]),
    ).rejects.toBeInstanceOf(UnknownTopicError);

    const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM bus_log');
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('Given 40 batches published concurrently, When the log is read, Then offsets have no gaps and each batch is contiguous and in order', async () => {
    const topic = 'warden.identity.v1.concurrent';
    await bus.ensureTopics([topic]);
    const batches = Array.from({ length: 40 }, () => orgId());

    await Promise.all(
      batches.map((stream) =>
        bus.publish(
          topic,
          [0, 1, 2].map((seq) => ({ key: stream, event: renamedEvent(stream, seq) })),
        ),
      ),
    );

    const { rows } = await sql.query<{ offset: string; key: string; envelope: CloudEvent }>(
      'SELECT "offset", key, envelope FROM bus_log WHERE topic = $1 ORDER BY "offset"',
      [topic],
    );
    expect(rows.map((row) => Number(row.offset))).toEqual([...Array(120).keys()]);
    for (let at = 0; at < rows.length; at += 3) {
      const batch = rows.slice(at, at + 3);
      expect(new Set(batch.map((row) => row.key)).size).toBe(1);
      expect(batch.map((row) => seqOf(row.envelope))).toEqual([0, 1, 2]);
    }
  });
});
