import type { AdminRole, PrincipalKind } from '@warden/contracts';

export type AuthenticationMethod = 'api_key' | 'oidc' | 'bootstrap';

export interface PrincipalCaller {
  readonly kind: 'principal';
  readonly via: 'api_key' | 'oidc';
  readonly principalId: string;
  readonly organizationId: string;
  readonly principalKind: PrincipalKind;
  readonly name: string;
  readonly roles: readonly AdminRole[];
  readonly keyId?: string;
}

/** The operator holding WARDEN_BOOTSTRAP_TOKEN. */
export interface BootstrapCaller {
  readonly kind: 'bootstrap';
  readonly via: 'bootstrap';
}

export type Caller = PrincipalCaller | BootstrapCaller;

export function callerId(caller: Caller): string {
  return caller.kind === 'bootstrap' ? 'bootstrap' : caller.principalId;
}
