import type { PrincipalKind } from '@warden/contracts';

export interface ListPrincipalsQuery {
  readonly organizationId: string;
  readonly kind?: PrincipalKind;
  readonly status?: 'active' | 'suspended' | 'revoked';
  readonly limit: number;
  readonly cursor?: string;
}
