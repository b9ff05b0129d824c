import { ADVISORY_LOCK, advisoryLockKey, type Migration } from '@warden/sql';

export const EVENT_STORE_MODULE = 'eventstore';
export const EVENT_STORE_CHANNEL = 'warden_events';

/**
 * `position` is assigned as max(position) + n under a global transaction-level advisory lock (ADR 0003),
 * not by a sequence: positions are then gap-free and commit in position order.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and checkpoints',
    sql: `
CREATE TABLE warden_events (
  position bigint PRIMARY KEY,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  envelope jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT warden_events_event_id_key UNIQUE (event_id),
  CONSTRAINT warden_events_stream_revision_key UNIQUE (stream_id, revision),
  CONSTRAINT warden_events_position_positive CHECK (position > 0),
  CONSTRAINT warden_events_revision_non_negative CHECK (revision >= 0)
);
CREATE TABLE warden_event_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);`,
  },
  {
    version: 2,
    name: 'append function',
    // One round trip per append. A VOLATILE plpgsql function takes a fresh snapshot per statement, so the
    // statement after the lock sees the previous holder's commit. It writes only on the plain path (no id
    // stored yet, stream where expected); otherwise it writes nothing and returns the state for decideAppend.
    sql: `
CREATE FUNCTION warden_append_events(p_stream_id text, p_events jsonb, p_expected_kind text, p_expected bigint)
RETURNS TABLE (current_revision bigint, stored_events jsonb, last_position bigint, last_revision bigint)
LANGUAGE plpgsql VOLATILE
-- plpgsql caches one generic plan per connection; made while the table was tiny it would scan sequentially
-- forever (PGlite has no autovacuum to re-analyze). Every lookup here has its index.
SET enable_seqscan = off
AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(${advisoryLockKey(ADVISORY_LOCK.eventStoreAppend)});
  WITH input AS (
    SELECT e.value, e.ord FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
  ),
  state AS (
    SELECT coalesce(max(w.revision), -1) AS revision FROM warden_events w WHERE w.stream_id = p_stream_id
  ),
  stored AS (
    SELECT w.event_id, w.stream_id, w.revision, w.position FROM warden_events w
    WHERE w.event_id = ANY (ARRAY(SELECT i.value->>'id' FROM input i))
  ),
  allowed AS (
    SELECT state.revision FROM state
    WHERE NOT EXISTS (SELECT 1 FROM stored)
      AND CASE p_expected_kind
            WHEN 'any' THEN true
            WHEN 'no_stream' THEN state.revision = -1
            WHEN 'stream_exists' THEN state.revision >= 0
            ELSE state.revision = p_expected
          END
  ),
  head AS (
    SELECT coalesce(max(w.position), 0) AS position FROM warden_events w
  ),
  inserted AS (
    INSERT INTO warden_events (position, stream_id, revision, event_id, type, envelope)
    SELECT head.position + input.ord, p_stream_id, allowed.revision + input.ord,
           input.value->>'id', input.value->>'type', input.value
    FROM input, allowed, head
    RETURNING warden_events.position, warden_events.revision
  )
  SELECT
    (SELECT state.revision FROM state),
    (SELECT coalesce(jsonb_agg(jsonb_build_object('eventId', s.event_id, 'streamId', s.stream_id,
        'revision', s.revision, 'position', s.position)), '[]'::jsonb) FROM stored s),
    (SELECT max(ins.position) FROM inserted ins),
    (SELECT max(ins.revision) FROM inserted ins)
  INTO current_revision, stored_events, last_position, last_revision;
  IF last_position IS NOT NULL THEN
    -- Delivered on commit: wakes subscribers in other processes before their next poll.
    PERFORM pg_notify('${EVENT_STORE_CHANNEL}', last_position::text);
  END IF;
  RETURN NEXT;
END
$fn$`,
  },
];
