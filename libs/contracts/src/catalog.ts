import type { CloudEvent } from './envelope';
import type { IdentityEventData } from './events/identity.events';
import type { DecisionsEventData } from './events/decisions.events';
import type { PolicyEventData } from './events/policy.events';
import type { GuardrailsEventData } from './events/guardrails.events';

/** Every event type Warden publishes, mapped to its `data` shape. Each has a JSON Schema in schemas/events/. */
export type EventDataMap = IdentityEventData & DecisionsEventData & PolicyEventData & GuardrailsEventData;

export type EventType = keyof EventDataMap;

/** The runtime list of the catalog; the compile-time check below keeps it equal to EventDataMap's keys. */
export const EVENT_TYPES = [
  'warden.identity.organization.created.v1',
  'warden.identity.organization.renamed.v1',
  'warden.identity.principal.registered.v1',
  'warden.identity.principal.suspended.v1',
  'warden.identity.principal.reactivated.v1',
  'warden.identity.principal.revoked.v1',
  'warden.identity.key.issued.v1',
  'warden.identity.key.rotated.v1',
  'warden.identity.key.revoked.v1',
  'warden.identity.key.used.v1',
  'warden.identity.oidc.bound.v1',
  'warden.decisions.decision.recorded.v1',
  'warden.decisions.usage.recorded.v1',
  'warden.policy.resource.registered.v1',
  'warden.policy.resource.updated.v1',
  'warden.policy.connection.created.v1',
  'warden.policy.connection.updated.v1',
  'warden.policy.connection.revoked.v1',
  'warden.policy.policy_set.published.v1',
  'warden.guardrails.profile.created.v1',
  'warden.guardrails.profile.updated.v1',
  'warden.guardrails.scan.completed.v1',
] as const satisfies readonly EventType[];

type MissingFromList = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
export const CATALOG_IS_COMPLETE: [MissingFromList] extends [never] ? true : never = true;

export type WardenEvent<T extends EventType = EventType> = {
  [K in T]: CloudEvent<K, EventDataMap[K]>;
}[T];

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}
