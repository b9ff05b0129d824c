-- Typed analyst tables, filled by materialized views from every insert into `events`.
-- The projector inserts an event id into `events` once (it drops ids already recorded before inserting,
-- ADR 0007), so the views see each event once; the ReplacingMergeTree engines are a second line of defence
-- (FINAL / LIMIT 1 BY id make results exact even if a crash between two inserts let a duplicate through).
-- The views key off `type` patterns, so event types added to the catalog later are picked up without a migration.

-- Authorization decisions: warden.decisions.* events carrying an `outcome`.
CREATE TABLE IF NOT EXISTS audit_decisions
(
    id             String,
    orgid          String,
    time           DateTime64(3, 'UTC'),
    type           LowCardinality(String),
    principalid    String,
    decision_id    String,
    resource_id    String,
    connection_id  String,
    action         LowCardinality(String),
    target         String,
    outcome        LowCardinality(String),
    reason         String,
    policy_version String,
    model          LowCardinality(String),
    workflow       String,
    INDEX idx_resource resource_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (orgid, principalid, time, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_decisions_mv TO audit_decisions AS
SELECT
    id, orgid, time, type,
    if(JSONHas(data, 'principalId'), JSONExtractString(data, 'principalId'), principalid) AS principalid,
    if(JSONHas(data, 'decisionId'), JSONExtractString(data, 'decisionId'), subject) AS decision_id,
    JSONExtractString(data, 'resourceId') AS resource_id,
    JSONExtractString(data, 'connectionId') AS connection_id,
    JSONExtractString(data, 'action') AS action,
    JSONExtractString(data, 'target') AS target,
    JSONExtractString(data, 'outcome') AS outcome,
    if(JSONHas(data, 'reasonCode'), JSONExtractString(data, 'reasonCode'), JSONExtractString(data, 'reason')) AS reason,
    JSONExtractString(data, 'policyVersion') AS policy_version,
    multiIf(JSONHas(data, 'model'), JSONExtractString(data, 'model'),
            startsWith(JSONExtractString(data, 'action'), 'model.'), JSONExtractString(data, 'target'), '') AS model,
    if(JSONHas(data, 'workflowId'), JSONExtractString(data, 'workflowId'), JSONExtractString(data, 'workflow')) AS workflow
FROM events
WHERE startsWith(type, 'warden.decisions.') AND JSONHas(data, 'outcome');

-- Authentications: the batched warden.identity.key.used.* reports (one row per key and report) and any
-- future warden.identity.authentication.* event.
CREATE TABLE IF NOT EXISTS audit_authentications
(
    id          String,
    orgid       String,
    time        DateTime64(3, 'UTC'),
    type        LowCardinality(String),
    principalid String,
    key_id      String,
    method      LowCardinality(String),
    outcome     LowCardinality(String),
    count       UInt64,
    last_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (orgid, principalid, time, id, key_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_authentications_key_used_mv TO audit_authentications AS
SELECT
    id, orgid, time, type,
    JSONExtractString(usage, 'principalId') AS principalid,
    JSONExtractString(usage, 'keyId') AS key_id,
    'api_key' AS method,
    'succeeded' AS outcome,
    JSONExtractUInt(usage, 'count') AS count,
    parseDateTime64BestEffortOrZero(JSONExtractString(usage, 'lastUsedAt'), 3, 'UTC') AS last_at
FROM events
ARRAY JOIN JSONExtractArrayRaw(data, 'usages') AS usage
WHERE startsWith(type, 'warden.identity.key.used.');

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_authentications_mv TO audit_authentications AS
SELECT
    id, orgid, time, type,
    if(JSONHas(data, 'principalId'), JSONExtractString(data, 'principalId'), principalid) AS principalid,
    JSONExtractString(data, 'keyId') AS key_id,
    JSONExtractString(data, 'method') AS method,
    if(JSONHas(data, 'outcome'), JSONExtractString(data, 'outcome'), 'succeeded') AS outcome,
    toUInt64(1) AS count,
    time AS last_at
FROM events
WHERE startsWith(type, 'warden.identity.authentication.');

-- Guardrail findings: one row per finding; the detector type and the span only, never the content.
CREATE TABLE IF NOT EXISTS audit_guardrail_findings
(
    id           String,
    orgid        String,
    time         DateTime64(3, 'UTC'),
    type         LowCardinality(String),
    principalid  String,
    decision_id  String,
    profile_id   String,
    direction    LowCardinality(String),
    action       LowCardinality(String),
    finding_no   UInt32,
    finding_type LowCardinality(String),
    span_start   UInt32,
    span_end     UInt32,
    score        Float32
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (orgid, principalid, time, id, finding_no);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_guardrail_findings_mv TO audit_guardrail_findings AS
SELECT
    id, orgid, time, type,
    if(JSONHas(data, 'principalId'), JSONExtractString(data, 'principalId'), principalid) AS principalid,
    JSONExtractString(data, 'decisionId') AS decision_id,
    JSONExtractString(data, 'profileId') AS profile_id,
    JSONExtractString(data, 'direction') AS direction,
    JSONExtractString(data, 'action') AS action,
    toUInt32(finding_no) AS finding_no,
    JSONExtractString(finding, 'type') AS finding_type,
    JSONExtractUInt(finding, 'start') AS span_start,
    JSONExtractUInt(finding, 'end') AS span_end,
    JSONExtractFloat(finding, 'score') AS score
FROM events
ARRAY JOIN JSONExtractArrayRaw(data, 'findings') AS finding, arrayEnumerate(JSONExtractArrayRaw(data, 'findings')) AS finding_no
WHERE startsWith(type, 'warden.guardrails.') AND JSONHas(data, 'findings');

-- The ingress's decision records carry guardrail summaries (finding types per direction, no spans).
CREATE MATERIALIZED VIEW IF NOT EXISTS audit_decision_findings_mv TO audit_guardrail_findings AS
SELECT
    id, orgid, time, type,
    if(JSONHas(data, 'principalId'), JSONExtractString(data, 'principalId'), principalid) AS principalid,
    JSONExtractString(data, 'decisionId') AS decision_id,
    JSONExtractString(data, 'guardrails', summary.1, 'profile') AS profile_id,
    summary.1 AS direction,
    JSONExtractString(data, 'guardrails', summary.1, 'action') AS action,
    toUInt32(summary.3) AS finding_no,
    summary.2 AS finding_type,
    toUInt32(0) AS span_start,
    toUInt32(0) AS span_end,
    toFloat32(0) AS score
FROM events
ARRAY JOIN arrayConcat(
    arrayMap((t, i) -> ('input', t, i), JSONExtract(data, 'guardrails', 'input', 'findingTypes', 'Array(String)'),
             arrayEnumerate(JSONExtract(data, 'guardrails', 'input', 'findingTypes', 'Array(String)'))),
    arrayMap((t, i) -> ('output', t, i + 1000), JSONExtract(data, 'guardrails', 'output', 'findingTypes', 'Array(String)'),
             arrayEnumerate(JSONExtract(data, 'guardrails', 'output', 'findingTypes', 'Array(String)')))) AS summary
WHERE startsWith(type, 'warden.decisions.decision.');

-- Spend per request: the ingress's warden.decisions.usage.* records (tokens; no price yet) and metering's
-- warden.metering.usage.* settlements (with `cost` and `currency`).
CREATE TABLE IF NOT EXISTS audit_spend
(
    id            String,
    orgid         String,
    time          DateTime64(3, 'UTC'),
    type          LowCardinality(String),
    principalid   String,
    decision_id   String,
    connection_id String,
    resource_id   String,
    workflow      String,
    model         LowCardinality(String),
    currency      LowCardinality(String),
    cost          Decimal(38, 9),
    input_tokens  UInt64,
    output_tokens UInt64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (orgid, principalid, time, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_spend_mv TO audit_spend AS
SELECT
    id, orgid, time, type,
    if(JSONHas(data, 'principalId'), JSONExtractString(data, 'principalId'), principalid) AS principalid,
    JSONExtractString(data, 'decisionId') AS decision_id,
    JSONExtractString(data, 'connectionId') AS connection_id,
    JSONExtractString(data, 'resourceId') AS resource_id,
    if(JSONHas(data, 'workflowId'), JSONExtractString(data, 'workflowId'), JSONExtractString(data, 'workflow')) AS workflow,
    multiIf(JSONHas(data, 'model'), JSONExtractString(data, 'model'),
            startsWith(JSONExtractString(data, 'action'), 'model.'), JSONExtractString(data, 'target'), '') AS model,
    JSONExtractString(data, 'currency') AS currency,
    toDecimal128OrZero(trim(BOTH '"' FROM JSONExtractRaw(data, 'cost')), 9) AS cost,
    JSONExtractUInt(data, 'inputTokens') AS input_tokens,
    JSONExtractUInt(data, 'outputTokens') AS output_tokens
FROM events
WHERE startsWith(type, 'warden.metering.usage.') OR startsWith(type, 'warden.decisions.usage.');

-- Admin changes: every state change of identity, policy, guardrail profiles, prices and budgets.
CREATE TABLE IF NOT EXISTS audit_admin_changes
(
    id          String,
    orgid       String,
    time        DateTime64(3, 'UTC'),
    type        LowCardinality(String),
    actor       String,
    subject     String,
    source      LowCardinality(String),
    data        String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (orgid, actor, time, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS audit_admin_changes_mv TO audit_admin_changes AS
SELECT id, orgid, time, type, principalid AS actor, subject, source, data
FROM events
WHERE (startsWith(type, 'warden.identity.') AND NOT startsWith(type, 'warden.identity.key.used.')
       AND NOT startsWith(type, 'warden.identity.authentication.'))
   OR startsWith(type, 'warden.policy.')
   OR startsWith(type, 'warden.guardrails.profile.')
   OR startsWith(type, 'warden.metering.price.')
   OR startsWith(type, 'warden.metering.budget.');
