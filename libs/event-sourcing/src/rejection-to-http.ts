import { WrongExpectedRevisionError } from '@warden/eventstore';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  WardenError,
} from '@warden/platform';
import { DomainRejection } from './domain-rejection';

/** The one translation from domain rejections and store conflicts to problem+json errors; others pass through. */
export function rejectionToHttp(error: unknown): unknown {
  if (error instanceof WardenError) return error;
  if (error instanceof DomainRejection) {
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
      'The object changed since the version given in If-Match.',
      'version_mismatch',
    );
  }
  return error;
}
