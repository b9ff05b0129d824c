import { WardenError } from '@warden/platform';

/** The Idempotency-Key was already used for a request with other content: nothing is replayed or done. */
export class IdempotencyKeyReusedError extends WardenError {
  constructor() {
    super({
      code: 'idempotency_key_reused',
      status: 422,
      title: 'Unprocessable Content',
      detail: 'This Idempotency-Key was already used for a different request.',
    });
  }
}
