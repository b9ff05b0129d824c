import { DomainRejection } from '@warden/event-sourcing';

/** A guardrails domain refusal with a stable code; mapped to HTTP by the shared rejection mapping. */
export class GuardrailsRejection extends DomainRejection {}
