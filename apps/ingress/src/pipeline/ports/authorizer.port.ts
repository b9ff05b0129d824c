import type { Decision, OperationAction } from '@warden/policy-engine';
import type { Caller } from '../ingress-request';

export interface AuthorizationInput {
  readonly caller: Caller;
  readonly resourceId: string;
  readonly action: OperationAction;
  readonly target: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  readonly time: number;
  readonly model?: string;
  readonly tool?: string;
}

/** The policy decision point, local: allow | deny | approval_required with reasons, obligations, policy version. */
export interface Authorizer {
  authorize(input: AuthorizationInput): Decision;
}

export const AUTHORIZER = Symbol('AUTHORIZER');
