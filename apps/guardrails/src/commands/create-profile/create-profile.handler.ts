import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import type { GuardrailProfileCreatedV1 } from '@warden/contracts';
import { IdempotencyKeyReusedError } from '../../application/idempotency-key-reused.error';
import { idForIdempotencyKey, newId } from '@warden/event-sourcing';
import { ProfileStream, type LoadedProfile } from '../../application/profile-stream';
import type { RequestContext } from '../../application/request-context';
import { decideProfile } from '../../domain/profile/profile.decide';
import { profileResponse, type Created, type GuardrailProfileResponse } from '../../http/responses';
import type { CreateProfileCommand } from './create-profile.command';

@Injectable()
export class CreateProfileHandler {
  constructor(private readonly profiles: ProfileStream) {}

  async execute(
    command: CreateProfileCommand,
    ctx: RequestContext,
  ): Promise<Created<GuardrailProfileResponse>> {
    const profileId =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey(
            'gpr',
            [ctx.caller.principalId, command.organizationId, 'guardrail-profiles'],
            ctx.idempotencyKey,
          )
        : newId('gpr');
    const result = await this.profiles.change({
      organizationId: command.organizationId,
      profileId,
      ctx,
      replay: (loaded) =>
        ctx.idempotencyKey !== undefined && loaded.revision > 0 ? firstResponse(loaded, command) : undefined,
      decide: (state) => decideProfile({ type: 'CreateProfile', data: { profileId, ...command } }, state),
    });
    if (result.replayed) return { body: result.answer as GuardrailProfileResponse, replayed: true };
    if (!result.state.exists) throw new Error('creation produced no profile');
    return { body: profileResponse(result.state, result.version), replayed: false };
  }
}

/** The response of the first request, rebuilt from its creating event; other content → 422. */
function firstResponse(loaded: LoadedProfile, command: CreateProfileCommand): GuardrailProfileResponse {
  const first = loaded.stored[0]?.event;
  if (first?.type !== 'warden.guardrails.profile.created.v1') throw new IdempotencyKeyReusedError();
  const d = first.data as GuardrailProfileCreatedV1;
  const same =
    d.organizationId === command.organizationId &&
    d.name === command.name &&
    isDeepStrictEqual(d.input, command.input) &&
    isDeepStrictEqual(d.output, command.output);
  if (!same) throw new IdempotencyKeyReusedError();
  return profileResponse({ exists: true, ...d }, 1);
}
