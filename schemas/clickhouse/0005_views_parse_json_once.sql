-- The typed views of 0003 call JSONExtract*/JSONHas once per field, and every call parses `data` again: on
-- decision records the views cost about as much as the insert into `events` itself (ADR 0007). These are the
-- same views reading an event's fields out of one parse (a named Tuple), with the same columns and values,
-- except that a field present as JSON null now falls back like an absent one (0003 read it as '').
-- MODIFY QUERY swaps a view's query atomically (no insert into `events` runs without the view), and running
-- this file again sets the same queries again.

ALTER TABLE audit_decisions_mv MODIFY QUERY
WITH JSONExtract(data, 'Tuple(principalId Nullable(String), decisionId Nullable(String), resourceId String, connectionId String, action String, target String, outcome String, reasonCode Nullable(String), reason String, policyVersion String, model Nullable(String), workflowId Nullable(String), workflow String)') AS j
SELECT
    id, orgid, time, type,
    ifNull(tupleElement(j, 'principalId'), principalid) AS principalid,
    ifNull(tupleElement(j, 'decisionId'), subject) AS decision_id,
    tupleElement(j, 'resourceId') AS resource_id,
    tupleElement(j, 'connectionId') AS connection_id,
    tupleElement(j, 'action') AS action,
    tupleElement(j, 'target') AS target,
    tupleElement(j, 'outcome') AS outcome,
    ifNull(tupleElement(j, 'reasonCode'), tupleElement(j, 'reason')) AS reason,
    tupleElement(j, 'policyVersion') AS policy_version,
    multiIf(isNotNull(tupleElement(j, 'model')), assumeNotNull(tupleElement(j, 'model')),
            startsWith(tupleElement(j, 'action'), 'model.'), tupleElement(j, 'target'), '') AS model,
    ifNull(tupleElement(j, 'workflowId'), tupleElement(j, 'workflow')) AS workflow
FROM events
WHERE startsWith(type, 'warden.decisions.') AND JSONHas(data, 'outcome');

ALTER TABLE audit_decision_findings_mv MODIFY QUERY
WITH JSONExtract(data, 'Tuple(principalId Nullable(String), decisionId String, guardrails Tuple(input Tuple(profile String, action String, findingTypes Array(String)), output Tuple(profile String, action String, findingTypes Array(String))))') AS j,
     tupleElement(tupleElement(j, 'guardrails'), 'input') AS guard_in,
     tupleElement(tupleElement(j, 'guardrails'), 'output') AS guard_out
SELECT
    id, orgid, time, type,
    ifNull(tupleElement(j, 'principalId'), principalid) AS principalid,
    tupleElement(j, 'decisionId') AS decision_id,
    summary.4 AS profile_id,
    summary.1 AS direction,
    summary.5 AS action,
    toUInt32(summary.3) AS finding_no,
    summary.2 AS finding_type,
    toUInt32(0) AS span_start,
    toUInt32(0) AS span_end,
    toFloat32(0) AS score
FROM events
ARRAY JOIN arrayConcat(
    arrayMap((t, i) -> ('input', t, i, tupleElement(guard_in, 'profile'), tupleElement(guard_in, 'action')),
             tupleElement(guard_in, 'findingTypes'), arrayEnumerate(tupleElement(guard_in, 'findingTypes'))),
    arrayMap((t, i) -> ('output', t, i + 1000, tupleElement(guard_out, 'profile'), tupleElement(guard_out, 'action')),
             tupleElement(guard_out, 'findingTypes'), arrayEnumerate(tupleElement(guard_out, 'findingTypes')))) AS summary
WHERE startsWith(type, 'warden.decisions.decision.');

-- `cost` may be a JSON string or number: it keeps its own raw extraction.
ALTER TABLE audit_spend_mv MODIFY QUERY
WITH JSONExtract(data, 'Tuple(principalId Nullable(String), decisionId String, connectionId String, resourceId String, workflowId Nullable(String), workflow String, model Nullable(String), action String, target String, currency String, inputTokens UInt64, outputTokens UInt64)') AS j
SELECT
    id, orgid, time, type,
    ifNull(tupleElement(j, 'principalId'), principalid) AS principalid,
    tupleElement(j, 'decisionId') AS decision_id,
    tupleElement(j, 'connectionId') AS connection_id,
    tupleElement(j, 'resourceId') AS resource_id,
    ifNull(tupleElement(j, 'workflowId'), tupleElement(j, 'workflow')) AS workflow,
    multiIf(isNotNull(tupleElement(j, 'model')), assumeNotNull(tupleElement(j, 'model')),
            startsWith(tupleElement(j, 'action'), 'model.'), tupleElement(j, 'target'), '') AS model,
    tupleElement(j, 'currency') AS currency,
    toDecimal128OrZero(trim(BOTH '"' FROM JSONExtractRaw(data, 'cost')), 9) AS cost,
    tupleElement(j, 'inputTokens') AS input_tokens,
    tupleElement(j, 'outputTokens') AS output_tokens
FROM events
WHERE startsWith(type, 'warden.metering.usage.') OR startsWith(type, 'warden.decisions.usage.');
