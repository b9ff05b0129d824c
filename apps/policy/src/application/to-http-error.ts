import { WrongExpectedRevisionError } from '@warden/eventstore';
import { PolicyEngineError } from '@warden/policy-engine';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
  WardenError,
} from '@warden/platform';
import { PolicyRejection } from '../domain/policy-rejection';

/** The one translation from domain rejections, engine errors and store conflicts to problem+json errors. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof WardenError) return error;
  if (error instanceof PolicyRejection) {
    switch (error.kind) {
      case 'not_found':
        return new NotFoundError(error.message, error.code);
      case 'conflict':
        return new ConflictError(error.message, error.code);
      case 'invalid':
        return new ValidationFailedError([], error.message, error.code);
    }
  }
  if (error instanceof PolicyEngineError) {
    const field = error.code === 'policy_set_invalid' ? 'policies' : 'spec';
    return new ValidationFailedError(
      error.details.map((message) => ({ field, message })),
      error.message,
      error.code,
    );
  }
  if (error instanceof WrongExpectedRevisionError) {
    return new PreconditionFailedError(
      'The object changed since the version given in If-Match.',
      'version_mismatch',
    );
  }
  return error;
}
