import { PgliteSqlClient, PgSqlClient, type SqlClient } from '@warden/sql';
import { createTestDatabase } from '@warden/testing';
import pino from 'pino';
import type { CloudEvent } from '@warden/contracts';
import { busContract, type BusUnderTest } from '../../test-support/bus-contract';
import { encodeCloudEvent } from '../cloud-event-codec';
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
