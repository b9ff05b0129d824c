import type { DeliveredMessage } from '../src/bus.port';
import type { SqlClient } from '@warden/sql';
import { seqOf } from './events';

/** The crash test's projection: per-stream counters, a processed-event-id dedupe table and order violations. */
export const PROJECTION_DDL = `
CREATE TABLE IF NOT EXISTS test_processed_events (event_id text PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS test_stream_projection (stream_id text PRIMARY KEY, events integer NOT NULL, last_seq integer NOT NULL);
CREATE TABLE IF NOT EXISTS test_order_violations (stream_id text NOT NULL, expected integer NOT NULL, got integer NOT NULL);
CREATE TABLE IF NOT EXISTS test_duplicates (n bigint NOT NULL);
INSERT INTO test_duplicates (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM test_duplicates);
`;

/**
 * The effect and its dedupe commit in ONE transaction: a redelivered event (consumer restart, relay re-publish)
 * finds its id and changes nothing but the duplicate counter.
 */
export function projectionHandler(sql: SqlClient): (message: DeliveredMessage) => Promise<void> {
  return (message) =>
    sql.transaction(async (tx) => {
      const fresh = await tx.query(
        'INSERT INTO test_processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
        [message.event.id],
      );
      if (fresh.rowCount === 0) {
        await tx.query('UPDATE test_duplicates SET n = n + 1');
        return;
      }
      const seq = seqOf(message.event);
      const current = await tx.query<{ last_seq: number }>(
        'SELECT last_seq FROM test_stream_projection WHERE stream_id = $1 FOR UPDATE',
        [message.key],
      );
      const expected = (current.rows[0]?.last_seq ?? -1) + 1;
      if (seq !== expected) {
        await tx.query('INSERT INTO test_order_violations (stream_id, expected, got) VALUES ($1, $2, $3)', [
          message.key,
          expected,
          seq,
        ]);
      }
      await tx.query(
        `INSERT INTO test_stream_projection (stream_id, events, last_seq) VALUES ($1, 1, $2)
         ON CONFLICT (stream_id) DO UPDATE SET events = test_stream_projection.events + 1, last_seq = excluded.last_seq`,
        [message.key, seq],
      );
    });
}
