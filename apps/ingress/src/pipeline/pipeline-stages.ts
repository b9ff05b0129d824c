/** The hot path (DESIGN §4), in order. Every request walks this list; the record names where it stopped. */
export const PIPELINE_STAGES = [
  'authenticate',
  'resolve_connection',
  'authorize',
  'rate_limit',
  'reserve_budget',
  'inspect_input',
  'call_upstream',
  'inspect_output',
  'settle_usage',
  'record',
] as const;
export type PipelineStageName = (typeof PIPELINE_STAGES)[number];

/** The stages that run before anything leaves for the upstream: the whole decision API. */
export const DECISION_STAGES = [
  'authenticate',
  'resolve_connection',
  'authorize',
  'rate_limit',
  'reserve_budget',
  'inspect_input',
] as const satisfies readonly PipelineStageName[];
export type DecisionStageName = (typeof DECISION_STAGES)[number];
