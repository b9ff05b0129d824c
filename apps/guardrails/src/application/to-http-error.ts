import { WrongExpectedRevisionError } from '@warden/eventstore';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
} from '@warden/platform';
import { GuardrailsRejection } from '../domain/guardrails-rejection';

/** The one translation from domain rejections and store conflicts to HTTP errors (problem+json). */
export function toHttpError(error: unknown): unknown {
  if (error instanceof GuardrailsRejection) {
    switch (error.kind) {
      case 'not_found':
        return new NotFoundError(error.message, error.code);
      case 'conflict':
        return new ConflictError(error.message, error.code);
      case 'invalid':
        return new ValidationFailedError(
          error.field !== undefined ? [{ field: error.field, message: error.message }] : [],
          error.message,
          error.code,
        );
    }
  }
  if (error instanceof WrongExpectedRevisionError) {
    return new PreconditionFailedError(
      'The profile changed since the version given in If-Match.',
      'version_mismatch',
    );
  }
  return error;
}
