/** Stable reason codes of a denial (API.md "Ingress"); never renamed. */
export type DenialCode =
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'guardrail_blocked'
  | 'approval_required'
  | 'stale_state'
  | 'payload_too_large'
  | 'invalid_request'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'unavailable';

export const DENIAL_STATUS: Readonly<Record<DenialCode, number>> = {
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  rate_limited: 429,
  budget_exceeded: 402,
  guardrail_blocked: 403,
  approval_required: 403,
  stale_state: 503,
  payload_too_large: 413,
  invalid_request: 400,
  upstream_error: 502,
  upstream_timeout: 504,
  unavailable: 503,
};

export interface Denial {
  readonly code: DenialCode;
  readonly message: string;
  /** The engine's own reason code when it differs (policy: `no_connection`, `trust_too_low`…). */
  readonly detailCode?: string;
  readonly retryAfterSeconds?: number;
}

export function deny(
  code: DenialCode,
  message: string,
  extra: Omit<Denial, 'code' | 'message'> = {},
): Denial {
  return { code, message, ...extra };
}
