import { Injectable } from '@nestjs/common';
import type { AdminRole, PrincipalKind } from '@warden/contracts';
import type { Caller } from '@warden/identity-auth';

export type WhoamiResponse =
  | { readonly authenticatedWith: 'bootstrap'; readonly operator: true }
  | {
      readonly authenticatedWith: 'api_key' | 'oidc';
      readonly principal: {
        readonly id: string;
        readonly organizationId: string;
        readonly kind: PrincipalKind;
        readonly name: string;
        readonly roles: readonly AdminRole[];
      };
      readonly keyId?: string;
    };

@Injectable()
export class WhoamiHandler {
  execute(caller: Caller): WhoamiResponse {
    if (caller.kind === 'bootstrap') return { authenticatedWith: 'bootstrap', operator: true };
    return {
      authenticatedWith: caller.via,
      principal: {
        id: caller.principalId,
        organizationId: caller.organizationId,
        kind: caller.principalKind,
        name: caller.name,
        roles: caller.roles,
      },
      ...(caller.keyId !== undefined ? { keyId: caller.keyId } : {}),
    };
  }
}
