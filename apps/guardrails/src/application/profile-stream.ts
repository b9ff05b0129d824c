import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@warden/contracts';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type StoredEvent,
} from '@warden/eventstore';
import { PreconditionFailedError, WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import {
  evolveProfile,
  initialProfile,
  type ProfileEvent,
  type ProfileState,
} from '../domain/profile/profile.state';
import { guardrailsEnvelope } from './event-envelope';
import { newId } from './ids';
import type { RequestContext } from './request-context';
import { toHttpError } from './to-http-error';

const MAX_ATTEMPTS = 3;

export interface LoadedProfile {
  readonly state: ProfileState;
  /** Events in the stream (0 = no profile); the version clients see in ETag and send in If-Match. */
  readonly version: number;
  readonly stored: readonly StoredEvent[];
}

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

/**
 * Load → decide → append on one profile's stream: the only way a profile changes. Optimistic concurrency on
 * the stream revision; a lost race is retried from a fresh load unless the caller pinned a version (If-Match).
 */
@Injectable()
export class ProfileStream {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
  ) {}

  async load(profileId: string): Promise<LoadedProfile> {
    const stored = await this.store.readStream(profileId);
    const state = stored.reduce(
      (s, e) => evolveProfile(s, { type: e.event.type, data: e.event.data } as ProfileEvent),
      initialProfile,
    );
    return { state, version: stored.length, stored };
  }

  async change(change: ProfileChange): Promise<ProfileChangeResult> {
    const { ctx } = change;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(change.profileId);
      const replay = change.replay?.(loaded);
      if (replay !== undefined) return { replayed: true, answer: replay };
      let events: ProfileEvent[];
      try {
        events = change.decide(loaded.state);
      } catch (error) {
        throw toHttpError(error);
      }
      // After decide: another organization's profile is "not found" whatever version was named.
      if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== loaded.version) {
        throw new PreconditionFailedError(
          `If-Match names version ${ctx.expectedVersion}; the current version is ${loaded.version}.`,
          'version_mismatch',
        );
      }
      if (events.length === 0) return { replayed: false, state: loaded.state, version: loaded.version };
      const causationId = newId('evt');
      const envelopes: CloudEvent[] = events.map((e) =>
        guardrailsEnvelope(
          e,
          this.config.serviceName,
          change.profileId,
          change.organizationId,
          ctx,
          causationId,
        ),
      );
      try {
        await this.store.append(
          change.profileId,
          envelopes,
          loaded.version === 0 ? 'no_stream' : loaded.version - 1,
        );
        return {
          replayed: false,
          state: events.reduce(evolveProfile, loaded.state),
          version: loaded.version + events.length,
        };
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevisionError;
        if (!lostRace || ctx.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS)
          throw toHttpError(error);
      }
    }
  }
}
