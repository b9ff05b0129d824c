import { Injectable } from '@nestjs/common';
import { EventSourcedRunner } from '@warden/event-sourcing';
import type { RequestContext } from '../../application/request-context';
import {
  decidePolicySet,
  evolvePolicySet,
  initialPolicySet,
  policySetStreamId,
  type PolicySetEvent,
  type PolicySetState,
} from '../../domain/policy-set/policy-set';

@Injectable()
export class PublishPolicySetHandler {
  constructor(private readonly runner: EventSourcedRunner) {}

  async execute(orgId: string, policies: string, ctx: RequestContext): Promise<{ version: number }> {
    const result = await this.runner.run<PolicySetState, PolicySetEvent>({
      streamId: policySetStreamId(orgId),
      initial: initialPolicySet,
      evolve: evolvePolicySet,
      versionOf: (state) => state.version,
      decide: (state) => decidePolicySet({ type: 'PublishPolicySet', orgId, policies }, state),
      orgId,
      ctx,
    });
    if (result.replayed) throw new Error('publishing never replays');
    return { version: result.state.version };
  }
}
