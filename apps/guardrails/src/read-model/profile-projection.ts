import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@warden/eventstore';
import { ReadinessRegistry, WARDEN_LOGGER, type Logger } from '@warden/platform';
import {
  evolveProfile,
  initialProfile,
  type ExistingProfile,
  type ProfileEvent,
} from '../domain/profile/profile.state';

const PAGE = 1000;
const PROFILE_TYPE = 'warden.guardrails.profile.';

export interface ProfileView {
  readonly profile: ExistingProfile;
  readonly version: number;
  /** Global position of the creating event: the list order and the cursor. */
  readonly position: number;
}

/**
 * Profiles per organization, fed from the event store. A list request catches up first (one indexed read
 * when nothing is new), so a profile written by this process is listed by its next request.
 */
@Injectable()
export class ProfileProjection implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly byId = new Map<string, ProfileView>();
  private readonly byOrg = new Map<string, ProfileView[]>();
  private position = 0;
  private tail: Promise<void> = Promise.resolve();
  private ready = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readiness: ReadinessRegistry,
    @Inject(WARDEN_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('guardrail-profiles', () => this.ready);
    await this.catchUp();
    this.ready = true;
    this.logger.info({ position: this.position, profiles: this.byId.size }, 'guardrail profiles rebuilt');
  }

  onModuleDestroy(): void {
    this.readiness.unregister('guardrail-profiles');
  }

  /** Resolves once every event committed before the call has been applied. */
  catchUp(): Promise<void> {
    const run = this.tail.then(() => this.readToHead());
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The organization's profiles created after `afterPosition`, in creation order. */
  list(
    organizationId: string,
    afterPosition: number,
    limit: number,
  ): { items: ProfileView[]; more: boolean } {
    const all = this.byOrg.get(organizationId) ?? [];
    const rest = all.filter((v) => v.position > afterPosition);
    return { items: rest.slice(0, limit), more: rest.length > limit };
  }

  private async readToHead(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, limit: PAGE });
      page.forEach((e) => this.apply(e));
      if (page.length < PAGE) break;
    }
  }

  private apply(stored: StoredEvent): void {
    this.position = stored.position;
    if (!stored.event.type.startsWith(PROFILE_TYPE)) return;
    const event = { type: stored.event.type, data: stored.event.data } as ProfileEvent;
    const before = this.byId.get(event.data.profileId);
    const state = evolveProfile(before?.profile ?? initialProfile, event);
    if (!state.exists) return;
    const view: ProfileView = {
      profile: state,
      version: stored.revision + 1,
      position: before?.position ?? stored.position,
    };
    this.byId.set(state.profileId, view);
    const list = this.byOrg.get(state.organizationId) ?? [];
    const index = list.findIndex((v) => v.profile.profileId === state.profileId);
    if (index >= 0) list[index] = view;
    else list.push(view);
    this.byOrg.set(state.organizationId, list);
  }
}
