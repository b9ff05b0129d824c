import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@warden/platform';
import { ProfileStream } from '../../application/profile-stream';
import { profileResponse, type GuardrailProfileResponse } from '../../http/responses';

@Injectable()
export class GetProfileHandler {
  constructor(private readonly profiles: ProfileStream) {}

  /** Read from the profile's stream: always the latest version. Another organization's profile is not found. */
  async execute(organizationId: string, profileId: string): Promise<GuardrailProfileResponse> {
    const { state, revision: version } = await this.profiles.load(profileId);
    if (!state.exists || state.organizationId !== organizationId) {
      throw new NotFoundError('Guardrail profile not found.', 'guardrail_profile_not_found');
    }
    return profileResponse(state, version);
  }
}
