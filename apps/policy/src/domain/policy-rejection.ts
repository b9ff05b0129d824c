export type PolicyRejectionKind = 'not_found' | 'conflict' | 'invalid';

/** A command refused by a decide function; translated to problem+json once, in application/to-http-error.ts. */
export class PolicyRejection extends Error {
  constructor(
    readonly kind: PolicyRejectionKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyRejection';
  }
}
