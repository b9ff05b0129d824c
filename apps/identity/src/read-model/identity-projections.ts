import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@warden/eventstore';
import { AuthProjection, KeyUsageTracker } from '@warden/identity-auth';
import { ReadinessRegistry, WARDEN_LOGGER, type Logger } from '@warden/platform';
import { IdentityReadModel } from './identity-read-model';

const PAGE = 1000;
const BACKGROUND_CATCH_UP_MS = 250;
const IDENTITY_TYPE = 'warden.identity.';

/**
 * Feeds the admin read model and the local authentication projection from the event store. Each admin
 * request catches up first (one indexed read when nothing is new), so a write is visible to the next
 * request; a background loop keeps the projection's lag small between requests.
 */
@Injectable()
export class IdentityProjections implements OnApplicationBootstrap, OnModuleDestroy {
  readonly readModel = new IdentityReadModel();
  readonly usage = new KeyUsageTracker();
  readonly auth = new AuthProjection(this.usage);
  private position = 0;
  private tail: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private ready = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readiness: ReadinessRegistry,
    @Inject(WARDEN_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('identity-projections', () => this.ready);
    await this.catchUp();
    this.ready = true;
    this.logger.info({ position: this.position }, 'identity projections rebuilt');
    this.timer = setInterval(() => {
      this.catchUp().catch((error: unknown) => this.logger.warn({ err: error }, 'identity catch-up failed'));
    }, BACKGROUND_CATCH_UP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.readiness.unregister('identity-projections');
  }

  /** Resolves once every event committed before the call has been applied. */
  catchUp(): Promise<void> {
    const run = this.tail.then(() => this.readToHead());
    this.tail = run.catch(() => undefined);
    return run;
  }

  get lastPosition(): number {
    return this.position;
  }

  private async readToHead(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, limit: PAGE });
      page.forEach((e) => this.apply(e));
      if (page.length < PAGE) break;
    }
    this.auth.markCaughtUp(new Date());
  }

  private apply(stored: StoredEvent): void {
    this.position = stored.position;
    if (!stored.event.type.startsWith(IDENTITY_TYPE)) return;
    this.readModel.apply(stored.event, stored.position);
    this.auth.apply(stored.event, stored.position);
  }
}
