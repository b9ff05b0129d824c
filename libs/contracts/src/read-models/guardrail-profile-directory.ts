import type { CloudEvent } from '../envelope';
import type { GuardrailDetectorV1, GuardrailProfileCreatedV1 } from '../events/guardrails.events';

/** A guardrail profile as its latest event states it (created and updated events both carry the whole profile). */
export interface DirectoryProfile {
  readonly name: string;
  readonly input: readonly GuardrailDetectorV1[];
  readonly output: readonly GuardrailDetectorV1[];
}

/** The type prefix of the events the directory reads (a consumer of the topic may pass over the rest). */
export const GUARDRAIL_PROFILE_TYPES = 'warden.guardrails.profile.';

const PROFILE_TYPES = new Set<string>([
  'warden.guardrails.profile.created.v1',
  'warden.guardrails.profile.updated.v1',
]);

const NONE: ReadonlySet<string> = new Set();

/**
 * The organizations' guardrail profiles, from `warden.guardrails.v1`, for any service that consumes the topic
 * (the ingress applies them, the policy service checks connections name them). Every lookup is by
 * (organization, id): another organization's profile is answered exactly as an unknown one. Idempotent:
 * a redelivered event sets the same value again.
 */
export class GuardrailProfileDirectory {
  private readonly profiles = new Map<
    string,
    { readonly orgId: string; readonly profile: DirectoryProfile }
  >();
  private readonly idsByOrg = new Map<string, Set<string>>();

  /** Applies a profile event; returns whether it was one (other events pass). */
  apply(event: Pick<CloudEvent, 'type' | 'data'>): boolean {
    if (!PROFILE_TYPES.has(event.type)) return false;
    const data = event.data as GuardrailProfileCreatedV1;
    const before = this.profiles.get(data.profileId);
    if (before !== undefined && before.orgId !== data.organizationId) {
      this.idsByOrg.get(before.orgId)?.delete(data.profileId);
    }
    this.profiles.set(data.profileId, {
      orgId: data.organizationId,
      profile: { name: data.name, input: data.input, output: data.output },
    });
    const ids = this.idsByOrg.get(data.organizationId) ?? new Set<string>();
    ids.add(data.profileId);
    this.idsByOrg.set(data.organizationId, ids);
    return true;
  }

  /** The profile, only within its own organization. */
  profile(orgId: string, profileId: string): DirectoryProfile | undefined {
    const held = this.profiles.get(profileId);
    return held !== undefined && held.orgId === orgId ? held.profile : undefined;
  }

  has(orgId: string, profileId: string): boolean {
    return this.profile(orgId, profileId) !== undefined;
  }

  /** The ids of the organization's profiles seen so far (a live view: read it, do not keep it). */
  idsOf(orgId: string): ReadonlySet<string> {
    return this.idsByOrg.get(orgId) ?? NONE;
  }
}
