import type { Connection, OperationAction, Resource } from '@warden/policy-engine';
import type { Caller } from '../ingress-request';

export type ResourceResolution =
  | { readonly found: true; readonly resource: Resource; readonly connection?: Connection }
  /** Unknown, or another organization's: the caller is never told which. */
  | {
      readonly found: false;
      readonly reason: 'not_found' | 'no_connection' | 'ambiguous';
      readonly message: string;
    };

/** Where a request goes: the named resource, or the one among the caller's connections that allows the target. */
export interface ConnectionDirectory {
  resolve(caller: Caller, action: OperationAction, target: string, resourceId?: string): ResourceResolution;
  /** The targets (e.g. model names) the caller's live connections name for an action, with their resource. */
  targets(
    caller: Caller,
    action: OperationAction,
  ): ReadonlyArray<{ readonly target: string; readonly resourceId: string }>;
}

export const CONNECTION_DIRECTORY = Symbol('CONNECTION_DIRECTORY');
