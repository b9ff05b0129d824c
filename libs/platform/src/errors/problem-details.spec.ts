import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { toProblem } from './problem-details';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationFailedError,
  WardenError,
} from './warden-error';

describe('toProblem', () => {
  it.each([
    [new NotFoundError('Principal prn_1 does not exist.'), 404, 'not_found'],
    [new ConflictError(), 409, 'conflict'],
    [new PreconditionFailedError(), 412, 'precondition_failed'],
    [new UnauthenticatedError(), 401, 'unauthenticated'],
    [new ForbiddenError(), 403, 'forbidden'],
    [new PayloadTooLargeError(), 413, 'payload_too_large'],
    [new RateLimitedError(), 429, 'rate_limited'],
    [
      new WardenError({
        code: 'budget_exceeded',
        status: 402,
        title: 'Payment Required',
        detail: 'Budget bud_1 is spent.',
      }),
      402,
      'budget_exceeded',
    ],
  ])('Given a %s, When mapped, Then status %i and code %s', (error, status, code) => {
    const { problem, unexpected } = toProblem(error);

    expect(problem).toMatchObject({
      status,
      code,
      type: `https://warden.dev/problems/${code}`,
      detail: error.detail,
      title: error.title,
    });
    expect(unexpected).toBe(false);
  });

  it('Given a ValidationFailedError, When mapped, Then its field errors are kept', () => {
    const { problem } = toProblem(
      new ValidationFailedError([{ field: 'name', message: 'must be a string' }]),
    );

    expect(problem).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'name', message: 'must be a string' }],
    });
  });

  it('Given a RateLimitedError with a retry delay, When mapped, Then Retry-After is set', () => {
    expect(toProblem(new RateLimitedError('Slow down.', 1.2)).headers).toEqual({ 'retry-after': '2' });
  });

  it("Given the default ValidationPipe's BadRequestException, When mapped, Then it is validation_failed with errors[]", () => {
    const error = new BadRequestException(['property extra should not exist', 'name must be a string']);

    expect(toProblem(error).problem).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [
        { field: 'extra', message: 'is not allowed' },
        { field: 'name', message: 'must be a string' },
      ],
    });
  });

  it('Given Nest HttpExceptions, When mapped, Then the status picks the code and 5xx details stay generic', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope')).problem).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'Cannot GET /nope',
    });
    expect(toProblem(new HttpException('Body too big', 413)).problem).toMatchObject({
      status: 413,
      code: 'payload_too_large',
    });
    expect(toProblem(new ServiceUnavailableException('pool exhausted at 10.0.0.3')).problem).toMatchObject({
      status: 503,
      code: 'unavailable',
      detail: 'Service Unavailable',
    });
  });

  it('Given an unknown error with internals in its message, When mapped, Then a 500 internal that leaks nothing', () => {
    const { problem, unexpected } = toProblem(
      new TypeError('Cannot read properties of undefined (reading "pg_pool")'),
    );

    expect(problem).toMatchObject({ status: 500, code: 'internal', title: 'Internal Server Error' });
    expect(JSON.stringify(problem)).not.toContain('pg_pool');
    expect(unexpected).toBe(true);
  });

  it('Given a thrown non-Error value, When mapped, Then it is a 500 internal', () => {
    expect(toProblem('just a string').problem.code).toBe('internal');
  });
});
