import { DomainRejection, type RejectionKind } from '@warden/event-sourcing';

/** A command the identity domain refuses; `code` is stable and reaches API clients in problem+json. */
export class IdentityRejection extends DomainRejection {
  constructor(code: string, kind: RejectionKind, message: string) {
    super(kind, code, message);
  }
}

export const notFound = (code: string, message: string): IdentityRejection =>
  new IdentityRejection(code, 'not_found', message);
export const conflict = (code: string, message: string): IdentityRejection =>
  new IdentityRejection(code, 'conflict', message);
export const invalid = (code: string, message: string): IdentityRejection =>
  new IdentityRejection(code, 'invalid', message);
