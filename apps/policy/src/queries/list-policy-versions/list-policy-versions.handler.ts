import { Inject, Injectable } from '@nestjs/common';
import type { PolicySetPublishedV1 } from '@warden/contracts';
import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { policySetStreamId } from '../../domain/policy-set/policy-set';
import { paginate } from '../../http/paging';
import type { Page } from '../../http/responses';

export interface PolicyVersionResponse {
  readonly version: number;
  readonly actor: string;
  readonly at: string;
  readonly policies: string;
}

@Injectable()
export class ListPolicyVersionsHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(orgId: string, limit?: number, cursor?: string): Promise<Page<PolicyVersionResponse>> {
    const stored = await this.store.readStream(policySetStreamId(orgId));
    const versions = stored
      .filter((s) => s.event.type === 'warden.policy.policy_set.published.v1' && s.event.orgid === orgId)
      .map((s): PolicyVersionResponse => {
        const data = s.event.data as PolicySetPublishedV1;
        return {
          version: data.version,
          actor: s.event.principalid ?? 'unknown',
          at: s.event.time,
          policies: data.policies,
        };
      });
    return paginate(versions, limit, cursor);
  }
}
