import { DomainRejection } from '@warden/event-sourcing';

/** A command refused by a policy decide function; mapped to problem+json once, in application/to-http-error.ts. */
export class PolicyRejection extends DomainRejection {}
