import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionLookups } from '../domain/connection/connection.decide';
import { POLICY_OPTIONS, type PolicyOptions } from '../policy.options';
import { PolicyProjection } from '../projection/policy-projection';

/** What a connection write looks up outside its aggregate: the organization's guardrail profiles. */
@Injectable()
export class GuardrailProfileLookup {
  constructor(
    private readonly projection: PolicyProjection,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
  ) {}

  /**
   * Before deciding a write that names a profile: a profile created a moment ago gets a bounded time
   * (`guardrailProfileWaitMs`) to arrive from the bus, so "create profile, then connection" works in one go.
   */
  async awaitNamed(orgId: string, profileId: string | null | undefined): Promise<void> {
    if (typeof profileId !== 'string') return;
    await this.projection.guardrailProfileKnown(orgId, profileId, this.options.guardrailProfileWaitMs);
  }

  /** The lookup result `decideConnection` takes, read when it decides. */
  of(orgId: string): ConnectionLookups {
    return { guardrailProfiles: this.projection.guardrailProfiles.idsOf(orgId) };
  }
}
