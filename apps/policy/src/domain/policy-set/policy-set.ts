import { validateOrgPolicySet } from '@warden/policy-engine';
import type { DomainEvent } from '../domain-event';

export type PolicySetEvent = DomainEvent<'warden.policy.policy_set.published.v1'>;

export interface PolicySetState {
  /** 0 before the first publication. */
  readonly version: number;
  readonly policies?: string;
}

export const initialPolicySet: PolicySetState = { version: 0 };

export interface PublishPolicySet {
  readonly type: 'PublishPolicySet';
  readonly orgId: string;
  readonly policies: string;
}

/** Validated against Warden's Cedar schema first: an invalid set throws PolicySetRejectedError with Cedar's messages. */
export function decidePolicySet(command: PublishPolicySet, state: PolicySetState): PolicySetEvent[] {
  validateOrgPolicySet(command.policies);
  return [
    {
      type: 'warden.policy.policy_set.published.v1',
      data: { orgId: command.orgId, version: state.version + 1, policies: command.policies },
    },
  ];
}

export function evolvePolicySet(state: PolicySetState, event: PolicySetEvent): PolicySetState {
  return event.data.version > state.version
    ? { version: event.data.version, policies: event.data.policies }
    : state;
}

export function policySetStreamId(orgId: string): string {
  return `policyset-${orgId}`;
}
