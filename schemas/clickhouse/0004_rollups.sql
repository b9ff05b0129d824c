-- Hourly rollups (SummingMergeTree: rows with one key are summed on merge; queries still sum()).
-- They never double count because the projector inserts each event id into `events` once (ADR 0007).

-- Spend per organization and hour, for each dimension: principal, connection, workflow, model, plus
-- `org` (key '') for the organization total. One table, so GET /reports/spend?groupBy= reads one key prefix.
CREATE TABLE IF NOT EXISTS audit_spend_hourly
(
    orgid         String,
    hour          DateTime('UTC'),
    dimension     LowCardinality(String),
    key           String,
    currency      LowCardinality(String),
    cost          Decimal(38, 9),
    requests      UInt64,
    input_tokens  UInt64,
    output_tokens UInt64
)
ENGINE = SummingMergeTree((cost, requests, input_tokens, output_tokens))
PARTITION BY toYYYYMM(hour)
ORDER BY (orgid, dimension, hour, key, currency);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_spend_hourly_mv TO audit_spend_hourly AS
SELECT
    orgid,
    toStartOfHour(time) AS hour,
    dim.1 AS dimension,
    dim.2 AS key,
    currency,
    sum(cost) AS cost,
    count() AS requests,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens
FROM audit_spend
ARRAY JOIN [('org', ''), ('principal', principalid), ('connection', connection_id),
            ('workflow', workflow), ('model', toString(model))] AS dim
GROUP BY orgid, hour, dimension, key, currency;

-- Decisions per organization, hour and outcome.
CREATE TABLE IF NOT EXISTS audit_decisions_hourly
(
    orgid     String,
    hour      DateTime('UTC'),
    outcome   LowCardinality(String),
    decisions UInt64
)
ENGINE = SummingMergeTree(decisions)
PARTITION BY toYYYYMM(hour)
ORDER BY (orgid, hour, outcome);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_decisions_hourly_mv TO audit_decisions_hourly AS
SELECT orgid, toStartOfHour(time) AS hour, outcome, count() AS decisions
FROM audit_decisions
GROUP BY orgid, hour, outcome;
