import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  WardenError,
} from '@warden/platform';
import { WrongExpectedRevisionError } from '@warden/eventstore';
import { IdentityRejection } from '../domain/identity-rejection';

/** The one translation from domain rejections and store conflicts to HTTP errors (problem+json). */
export function toHttpError(error: unknown): unknown {
  if (error instanceof IdentityRejection) {
    switch (error.kind) {
      case 'not_found':
        return new NotFoundError(error.message, error.code);
      case 'conflict':
        return new ConflictError(error.message, error.code);
      case 'invalid':
        return new ValidationFailedError([], error.message, error.code);
    }
  }
  if (error instanceof WrongExpectedRevisionError) {
    return new PreconditionFailedError(
      'The object changed since the version given in If-Match.',
      'version_mismatch',
    );
  }
  return error;
}

export function isWardenError(error: unknown): error is WardenError {
  return error instanceof WardenError;
}
