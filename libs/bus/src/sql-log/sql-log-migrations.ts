import type { Migration } from '@warden/sql';

export const SQL_LOG_MODULE = 'bus';
export const SQL_LOG_CHANNEL = 'warden_bus_log';

/** The embedded durable log: the same contract as Kafka on plain PostgreSQL (PGlite or a server). */
export const SQL_LOG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'durable log, consumer offsets, dead letters',
    sql: `
CREATE TABLE bus_topics (
  topic text PRIMARY KEY,
  -- The offset the next message gets. Appenders lock this row, so offsets become visible in commit order.
  next_offset bigint NOT NULL DEFAULT 0
);
CREATE TABLE bus_log (
  topic text NOT NULL REFERENCES bus_topics (topic),
  "offset" bigint NOT NULL,
  key text NOT NULL,
  envelope jsonb NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, "offset")
);
CREATE TABLE bus_consumer_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  -- The offset of the next message to hand to the group (Kafka's committed-offset meaning).
  next_offset bigint NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic)
);
CREATE TABLE bus_dead_letters (
  id bigserial PRIMARY KEY,
  group_id text NOT NULL,
  -- Where the message came from; the group's dead letters together are its dead-letter topic.
  source_topic text NOT NULL,
  source_offset bigint NOT NULL,
  key text NOT NULL,
  reason text NOT NULL,
  attempts integer NOT NULL,
  value text NOT NULL,
  headers jsonb NOT NULL,
  dead_lettered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bus_dead_letters_by_group ON bus_dead_letters (group_id, id);
`,
  },
];
