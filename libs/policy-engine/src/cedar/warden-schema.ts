import type { OperationAction, PrincipalKind } from '../domain/policy-model';

/**
 * Warden's Cedar schema (namespace `Warden`). Principals have one entity type per kind, all members of
 * their Organization; resources are one type carrying their kind. Every action has its own context:
 * the common part (target, trust, cost, time, findings) plus the fields that name what is called.
 *
 * Scales chosen so Cedar (integers only) compares exactly: `trustScore` is an integer 0..100,
 * `estimatedCostMicros` is the estimated cost in millionths of the currency unit, `time.epochMillis`
 * is milliseconds since the Unix epoch. Tool arguments are not in the Cedar context (see ADR 0006).
 */
export const WARDEN_CEDAR_SCHEMA = `namespace Warden {
  entity Organization;
  entity Human, Application, Agent, McpServer in [Organization] {
    status: String,
    labels: Set<String>,
  } tags String;
  entity Resource in [Organization] {
    kind: String,
    labels: Set<String>,
  } tags String;
  type Time = { epochMillis: Long, hourUtc: Long, weekdayUtc: Long };
  action "model.chat", "model.embed" appliesTo {
    principal: [Human, Application, Agent, McpServer],
    resource: [Resource],
    context: { target: String, model: String, trustScore: Long, estimatedCostMicros: Long, time: Time, findings: Set<String> },
  };
  action "mcp.tool" appliesTo {
    principal: [Human, Application, Agent, McpServer],
    resource: [Resource],
    context: { target: String, tool: String, trustScore: Long, estimatedCostMicros: Long, time: Time, findings: Set<String> },
  };
  action "http.request" appliesTo {
    principal: [Human, Application, Agent, McpServer],
    resource: [Resource],
    context: { target: String, method: String, path: String, trustScore: Long, estimatedCostMicros: Long, time: Time, findings: Set<String> },
  };
  action "data.read", "data.write" appliesTo {
    principal: [Human, Application, Agent, McpServer],
    resource: [Resource],
    context: { target: String, collection: String, trustScore: Long, estimatedCostMicros: Long, time: Time, findings: Set<String> },
  };
}
`;

export const CEDAR_NAMESPACE = 'Warden';
export const ACTION_ENTITY_TYPE = 'Warden::Action';
export const RESOURCE_ENTITY_TYPE = 'Warden::Resource';
export const ORGANIZATION_ENTITY_TYPE = 'Warden::Organization';

const PRINCIPAL_ENTITY_TYPES: Readonly<Record<PrincipalKind, string>> = {
  human: 'Warden::Human',
  application: 'Warden::Application',
  agent: 'Warden::Agent',
  mcp_server: 'Warden::McpServer',
};

export function principalEntityType(kind: PrincipalKind): string {
  return PRINCIPAL_ENTITY_TYPES[kind];
}

export function actionUid(action: OperationAction): { type: string; id: string } {
  return { type: ACTION_ENTITY_TYPE, id: action };
}
