import { Injectable } from '@nestjs/common';
import { EventSourcedRunner, type Loaded } from '@warden/event-sourcing';
import { notFound } from '../domain/profile/profile.decide';
import {
  evolveProfile,
  initialProfile,
  type ProfileEvent,
  type ProfileState,
} from '../domain/profile/profile.state';
import type { RequestContext } from './request-context';

export type LoadedProfile = Loaded<ProfileState>;

export interface ProfileChange {
  readonly organizationId: string;
  readonly profileId: string;
  readonly ctx: RequestContext;
  /** When the request replays one already done, the answer; else undefined. */
  readonly replay?: (loaded: LoadedProfile) => unknown;
  readonly decide: (state: ProfileState) => ProfileEvent[];
}

export type ProfileChangeResult =
  | { readonly replayed: false; readonly state: ProfileState; readonly version: number }
  | { readonly replayed: true; readonly answer: unknown };

/** One profile's stream: its version (ETag, If-Match) is the stream revision. */
@Injectable()
export class ProfileStream {
  constructor(private readonly runner: EventSourcedRunner) {}

  load(profileId: string): Promise<LoadedProfile> {
    return this.runner.load(profileId, initialProfile, evolveProfile);
  }

  async change(change: ProfileChange): Promise<ProfileChangeResult> {
    const { organizationId, ctx } = change;
    const result = await this.runner.run<ProfileState, ProfileEvent>({
      streamId: change.profileId,
      orgId: organizationId,
      ctx,
      initial: initialProfile,
      evolve: evolveProfile,
      ...(change.replay !== undefined && { replay: change.replay }),
      // Another organization's profile is "not found" whatever version If-Match names.
      guard: ({ state }) => {
        const foreign = state.exists
          ? state.organizationId !== organizationId
          : ctx.expectedVersion !== undefined;
        if (foreign) throw notFound();
      },
      decide: change.decide,
    });
    return result.replayed ? result : { replayed: false, state: result.state, version: result.revision };
  }
}
