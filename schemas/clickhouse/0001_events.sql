-- Every CloudEvent Warden publishes, as received from the bus: the raw trail analysts and the audit
-- projections read. At-least-once delivery can insert an event twice; ReplacingMergeTree collapses rows
-- with the same ORDER BY key, which ends in `id` (orgid, type and time of one event never differ), so
-- duplicates merge away. Queries that must be exact before a merge use FINAL or LIMIT 1 BY id.
CREATE TABLE IF NOT EXISTS events
(
    id            String,
    type          LowCardinality(String),
    source        LowCardinality(String),
    subject       String,
    time          DateTime64(3, 'UTC'),
    orgid         String,
    principalid   String DEFAULT '',
    correlationid String DEFAULT '',
    causationid   String DEFAULT '',
    traceparent   String DEFAULT '',
    data          String CODEC(ZSTD(3)),
    topic         LowCardinality(String),
    ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_id id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_principal principalid TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_subject subject TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(time)
ORDER BY (orgid, type, time, id);
