/** The caller of POST /v1/decisions: the principal its API key belongs to. */
export interface DecisionCaller {
  readonly principalId: string;
  readonly orgId: string;
}

/** Authenticates the decision API's caller (API key); throws UnauthenticatedError (401). */
export interface DecisionCallerAuthenticator {
  authenticate(authorization: string | undefined, now: Date): DecisionCaller;
}

export const DECISION_CALLER_AUTHENTICATOR = Symbol('POLICY_DECISION_CALLER_AUTHENTICATOR');
