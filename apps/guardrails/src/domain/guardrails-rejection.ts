/** A domain refusal with a stable code; the application layer maps `kind` to an HTTP status. */
export class GuardrailsRejection extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GuardrailsRejection';
  }
}
