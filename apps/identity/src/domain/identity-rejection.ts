/** How an API edge should answer a rejected decision. */
export type RejectionKind = 'not_found' | 'conflict' | 'invalid';

/** A command the domain refuses; `code` is stable and reaches API clients in problem+json. */
export class IdentityRejection extends Error {
  constructor(
    readonly code: string,
    readonly kind: RejectionKind,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityRejection';
  }
}

export const notFound = (code: string, message: string): IdentityRejection =>
  new IdentityRejection(code, 'not_found', message);
export const conflict = (code: string, message: string): IdentityRejection =>
  new IdentityRejection(code, 'conflict', message);
export const invalid = (code: string, message: string): IdentityRejection =>
  new IdentityRejection(code, 'invalid', message);
