import { Injectable } from '@nestjs/common';
import { ProfileStream } from '../../application/profile-stream';
import type { RequestContext } from '../../application/request-context';
import { decideProfile } from '../../domain/profile/profile.decide';
import { profileResponse, type GuardrailProfileResponse } from '../../http/responses';
import type { UpdateProfileCommand } from './update-profile.command';

@Injectable()
export class UpdateProfileHandler {
  constructor(private readonly profiles: ProfileStream) {}

  async execute(command: UpdateProfileCommand, ctx: RequestContext): Promise<GuardrailProfileResponse> {
    const { profileId, organizationId, ...changes } = command;
    const result = await this.profiles.change({
      organizationId,
      profileId,
      ctx,
      decide: (state) =>
        decideProfile({ type: 'UpdateProfile', data: { organizationId, ...changes } }, state),
    });
    if (result.replayed || !result.state.exists) throw new Error('update produced no profile');
    return profileResponse(result.state, result.version);
  }
}
