export * from './envelope';
export * from './topics';
export * from './catalog';
export * from './schema-registry';
export * from './events/identity.events';
export * from './events/decisions.events';
export * from './events/policy.events';
export * from './events/guardrails.events';
