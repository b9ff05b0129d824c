import type { PolicyAttributesV1, PolicyResourceKindV1, PolicyUpstreamV1 } from '@warden/contracts';
import type { DomainEvent } from '../domain-event';
import { PolicyRejection } from '../policy-rejection';

export type ResourceEvent = DomainEvent<
  'warden.policy.resource.registered.v1' | 'warden.policy.resource.updated.v1'
>;

export type ResourceState =
  | { readonly registered: false }
  | {
      readonly registered: true;
      readonly id: string;
      readonly orgId: string;
      readonly kind: PolicyResourceKindV1;
      readonly name: string;
      readonly upstream: PolicyUpstreamV1;
      readonly attributes: PolicyAttributesV1;
    };

export const initialResource: ResourceState = { registered: false };

export interface RegisterResource {
  readonly type: 'RegisterResource';
  readonly resourceId: string;
  readonly orgId: string;
  readonly kind: PolicyResourceKindV1;
  readonly name: string;
  readonly upstream: PolicyUpstreamV1;
  readonly attributes: PolicyAttributesV1;
}

const CREDENTIAL_REF = /^(env:[A-Za-z_][A-Za-z0-9_]{0,127}|file:\/.{1,1023})$/;

export function decideResource(command: RegisterResource, state: ResourceState): ResourceEvent[] {
  if (state.registered) {
    throw new PolicyRejection(
      'conflict',
      'resource_exists',
      `Resource ${command.resourceId} already exists.`,
    );
  }
  const ref = command.upstream.credentialRef;
  if (ref !== undefined && !CREDENTIAL_REF.test(ref)) {
    throw new PolicyRejection(
      'invalid',
      'credential_ref_invalid',
      'upstream.credentialRef must be a reference, `env:NAME` or `file:/absolute/path`, never the credential itself.',
    );
  }
  const { type: _type, ...data } = command;
  return [{ type: 'warden.policy.resource.registered.v1', data }];
}

export function evolveResource(_state: ResourceState, event: ResourceEvent): ResourceState {
  const { resourceId, ...rest } = event.data;
  return { registered: true, id: resourceId, ...rest };
}
