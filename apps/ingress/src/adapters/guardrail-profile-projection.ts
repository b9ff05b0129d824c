import type { CloudEvent, GuardrailProfileCreatedV1 } from '@warden/contracts';
import type { GuardrailProfile } from '@warden/detectors';
import type { ProfileRef } from '../pipeline/ports/content-inspector.port';

const PROFILE_TYPES = new Set<string>([
  'warden.guardrails.profile.created.v1',
  'warden.guardrails.profile.updated.v1',
]);

/**
 * The organizations' guardrail profiles as the detector engine takes them, from `warden.guardrails.v1`
 * (created and updated events both carry the whole profile). A connection names one by id.
 */
export class GuardrailProfileProjection {
  private readonly profiles = new Map<
    string,
    { readonly orgId: string; readonly profile: GuardrailProfile }
  >();

  apply(event: Pick<CloudEvent, 'type' | 'data'>): void {
    if (!PROFILE_TYPES.has(event.type)) return;
    const data = event.data as GuardrailProfileCreatedV1;
    this.profiles.set(data.profileId, {
      orgId: data.organizationId,
      profile: { name: data.name, input: data.input, output: data.output },
    });
  }

  /** The profile, only within its own organization: a connection naming another org's id gets none. */
  profile(ref: ProfileRef): GuardrailProfile | undefined {
    const held = this.profiles.get(ref.id);
    return held !== undefined && held.orgId === ref.orgId ? held.profile : undefined;
  }
}
