-- Tamper evidence (docs/adr/0007-audit-in-clickhouse.md): one row per recorded event, hash-chained per
-- (organization, chain). A chain is one bus partition (`<topic>#<partition>`): a partition has exactly one
-- consumer in the group at a time, so every chain has a single writer even when the projector scales out.
--   event_hash = sha256 of the event's canonical form as stored in `events`
--   chain_hash = sha256(prev_hash || event_hash), prev_hash of seq 1 = '' (genesis)
-- POST /v1/orgs/{org}/audit/verify walks each chain in seq order and recomputes both.
CREATE TABLE IF NOT EXISTS audit_chain
(
    orgid       String,
    chain       LowCardinality(String),
    seq         UInt64,
    event_id    String,
    event_time  DateTime64(3, 'UTC'),
    event_hash  String,
    prev_hash   String,
    chain_hash  String,
    recorded_at DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_event_id event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(recorded_at)
PARTITION BY toYYYYMM(recorded_at)
ORDER BY (orgid, chain, seq);
