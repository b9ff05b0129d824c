import { rejectionToHttp } from '@warden/event-sourcing';
import { PolicyEngineError } from '@warden/policy-engine';
import { ValidationFailedError } from '@warden/platform';

/** Policy's translation to problem+json: Cedar compile errors, then the shared domain-rejection mapping. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof PolicyEngineError) {
    const field = error.code === 'policy_set_invalid' ? 'policies' : 'spec';
    return new ValidationFailedError(
      error.details.map((message) => ({ field, message })),
      error.message,
      error.code,
    );
  }
  return rejectionToHttp(error);
}
