import type { FastifyReply } from 'fastify';
import { DENIAL_STATUS, type Denial } from '../pipeline/denial';

export const DECISION_ID_HEADER = 'x-warden-decision-id';

const ERROR_TYPES: Partial<Record<Denial['code'], string>> = {
  unauthenticated: 'authentication_error',
  not_found: 'invalid_request_error',
  invalid_request: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  forbidden: 'permission_error',
  approval_required: 'permission_error',
  guardrail_blocked: 'permission_error',
  rate_limited: 'rate_limit_error',
  budget_exceeded: 'insufficient_quota',
};

/** The OpenAI error body: `{ error: { message, type, code } }`, `code` being Warden's reason code. */
export function openAiErrorBody(denial: Denial): {
  error: { message: string; type: string; code: string; param: null };
} {
  return {
    error: {
      message: denial.message,
      type: ERROR_TYPES[denial.code] ?? 'api_error',
      code: denial.code,
      param: null,
    },
  };
}

export function sendOpenAiError(reply: FastifyReply, denial: Denial, decisionId: string): FastifyReply {
  if (denial.retryAfterSeconds !== undefined)
    void reply.header('retry-after', String(denial.retryAfterSeconds));
  return reply
    .header(DECISION_ID_HEADER, decisionId)
    .code(DENIAL_STATUS[denial.code])
    .header('content-type', 'application/json')
    .send(openAiErrorBody(denial));
}
