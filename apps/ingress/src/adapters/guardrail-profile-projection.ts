import { GuardrailProfileDirectory, type CloudEvent } from '@warden/contracts';
import type { GuardrailProfile } from '@warden/detectors';
import type { ProfileRef } from '../pipeline/ports/content-inspector.port';

/**
 * The organizations' guardrail profiles as the detector engine takes them, from `warden.guardrails.v1`
 * (the shared `GuardrailProfileDirectory`). A connection names one by id.
 */
export class GuardrailProfileProjection {
  private readonly directory = new GuardrailProfileDirectory();

  apply(event: Pick<CloudEvent, 'type' | 'data'>): void {
    this.directory.apply(event);
  }

  /** The profile, only within its own organization: a connection naming another org's id gets none. */
  profile(ref: ProfileRef): GuardrailProfile | undefined {
    return this.directory.profile(ref.orgId, ref.id);
  }
}
