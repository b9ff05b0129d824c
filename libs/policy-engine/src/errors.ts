/** Typed errors of the policy engine, each with a stable `code` (HTTP status for the admin API). */
export class PolicyEngineError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An organization policy set that does not parse, does not validate against Warden's schema, or breaks a Warden rule. `details` carry Cedar's own messages. */
export class PolicySetRejectedError extends PolicyEngineError {
  constructor(details: readonly string[]) {
    super('policy_set_invalid', 400, `The policy set is invalid: ${details.join('; ')}`, details);
  }
}

/** A connection whose operations cannot be compiled (bad glob, bad constraint, bad trust bound). */
export class ConnectionRejectedError extends PolicyEngineError {
  constructor(details: readonly string[]) {
    super('connection_invalid', 400, `The connection is invalid: ${details.join('; ')}`, details);
  }
}
