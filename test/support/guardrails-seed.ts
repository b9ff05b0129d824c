import { randomBytes } from 'node:crypto';
import { envelope, type GuardrailProfileCreatedV1 } from '@warden/contracts';
import type { EventStore } from '@warden/eventstore';

/**
 * Writes guardrail profile events straight into the event store, as the guardrails service would (an app never
 * imports another app): the relay carries them to `warden.guardrails.v1`, where other services learn profiles.
 */
export class GuardrailsSeed {
  constructor(private readonly store: EventStore) {}

  async profile(
    orgId: string,
    name = 'strict',
    profileId = `gpr_${randomBytes(9).toString('hex')}`,
  ): Promise<string> {
    const data: GuardrailProfileCreatedV1 = {
      profileId,
      organizationId: orgId,
      name,
      input: [{ type: 'injection', action: 'block' }],
      output: [{ type: 'secrets', action: 'block' }],
    };
    await this.store.append(
      profileId,
      [
        envelope({
          id: `evt_${randomBytes(9).toString('hex')}`,
          source: 'guardrails-seed',
          type: 'warden.guardrails.profile.created.v1',
          time: new Date(),
          subject: profileId,
          orgid: orgId,
          data,
        }),
      ],
      'no_stream',
    );
    return profileId;
  }
}
