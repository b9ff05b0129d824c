import type { Caller } from '../ingress-request';

export type AuthenticationResult =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly reason: string; readonly stale?: boolean };

/** Authenticates an API key locally (a projection of identity events: no network hop). */
export interface Authenticator {
  authenticate(secret: string | undefined, now: Date): AuthenticationResult;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
