import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  GUARDRAIL_PROFILE_TYPES,
  GuardrailProfileDirectory,
  TOPICS,
  type CloudEvent,
} from '@warden/contracts';
import { BUS, type Bus, type Consumer } from '@warden/bus';
import { AuthProjection, type AuthSource } from '@warden/identity-auth';
import {
  EMPTY_POLICY_STATE,
  evolvePolicyState,
  markCurrent,
  type PolicyEvent,
  type PolicyState,
} from '@warden/policy-engine';
import { ReadinessRegistry, WARDEN_LOGGER, type Logger } from '@warden/platform';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { POLICY_OPTIONS, type PolicyOptions } from '../policy.options';
import { evolvePrincipalFacts } from './principal-facts';

const POLICY_TYPE = 'warden.policy.';
const GUARDRAILS_TYPE = 'warden.guardrails.';
const TOPICS_READ = [TOPICS.policy, TOPICS.identity, TOPICS.guardrails];

/**
 * The decision projection, fed from the bus (`warden.policy.v1` and `warden.identity.v1`) so that any
 * process — this service or another replica — stays current without reading the event store. Its own
 * consumer group per process: every replica needs every event. It also keeps the organizations' guardrail
 * profiles (`warden.guardrails.v1`), which a connection may only name within its own organization.
 *
 * Freshness (`state.asOf`): an applied event marks the state current as of the event's time (a replay of old
 * events leaves it stale); while no event arrives and the bus answers a heartbeat, the state is current as of
 * that heartbeat. The engine fails closed when `asOf` is older than `maxStalenessMs`.
 */
@Injectable()
export class PolicyProjection implements AuthSource, OnApplicationBootstrap, OnModuleDestroy {
  readonly auth = new AuthProjection();
  readonly guardrailProfiles = new GuardrailProfileDirectory();
  private current: PolicyState = EMPTY_POLICY_STATE;
  private consumer?: Consumer;
  private timer?: NodeJS.Timeout;
  private lastMessageAt = 0;
  private applied = 0;
  private readonly listeners = new Set<(event: CloudEvent) => void>();

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(POLICY_OPTIONS) private readonly options: PolicyOptions,
    private readonly readiness: ReadinessRegistry,
    @Inject(WARDEN_LOGGER) private readonly logger: Logger,
  ) {}

  get state(): PolicyState {
    return this.current;
  }

  /** AuthSource: the feed applies identity events as they arrive; the lag is bounded by the bus. */
  catchUp(): Promise<void> {
    return Promise.resolve();
  }

  get eventsApplied(): number {
    return this.applied;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('policy-projection', () => this.current.asOf !== undefined);
    // Bootstrap hooks of modules run in no guaranteed order: the topics may not exist yet.
    await this.bus.ensureTopics(TOPICS_READ);
    this.consumer = await this.bus.consume({
      groupId: `policy-decisions.${hostname()}.${process.pid}.${randomBytes(4).toString('hex')}`,
      topics: TOPICS_READ,
      // Scan records share the guardrails topic with the profiles: passed over undecoded at every start.
      types: [POLICY_TYPE, 'warden.identity.', GUARDRAIL_PROFILE_TYPES],
      fromBeginning: true,
      handle: (message) => {
        this.apply(message.event, `${message.partition}:${message.offset}`);
        return Promise.resolve();
      },
    });
    this.timer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    this.timer.unref();
    void this.heartbeat();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.readiness.unregister('policy-projection');
    await this.consumer?.close();
  }

  /** Called after every applied event (tests, probes). */
  onApplied(listener: (event: CloudEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once the organization's profile is known, or after `timeoutMs` (false): a profile created a
   * moment ago is usually on its way through the relay and the bus. Another organization's profile never
   * becomes known here, so it waits as long as an unknown id and the two answers cannot be told apart.
   */
  async guardrailProfileKnown(orgId: string, profileId: string, timeoutMs: number): Promise<boolean> {
    if (this.guardrailProfiles.has(orgId, profileId)) return true;
    if (timeoutMs <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const done = (known: boolean): void => {
        clearTimeout(timer);
        stop();
        resolve(known);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref();
      const stop = this.onApplied(() => {
        if (this.guardrailProfiles.has(orgId, profileId)) done(true);
      });
    });
  }

  apply(event: CloudEvent, position?: string): void {
    this.lastMessageAt = Date.now();
    if (event.type.startsWith(POLICY_TYPE)) {
      this.current = evolvePolicyState(this.current, { type: event.type, data: event.data } as PolicyEvent);
    } else if (event.type.startsWith(GUARDRAILS_TYPE)) {
      this.guardrailProfiles.apply(event);
    } else {
      this.current = evolvePrincipalFacts(this.current, event);
      this.auth.apply(event, position);
      this.auth.markApplied(new Date());
    }
    const eventTime = Date.parse(event.time);
    if (Number.isFinite(eventTime)) this.current = markCurrent(this.current, Math.min(eventTime, Date.now()));
    this.applied += 1;
    for (const listener of this.listeners) listener(event);
  }

  private async heartbeat(): Promise<void> {
    const startedAt = Date.now();
    try {
      await this.bus.ensureTopics(TOPICS_READ);
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'policy feed heartbeat failed',
      );
      return;
    }
    if (startedAt - this.lastMessageAt >= this.options.idleMs) {
      this.current = markCurrent(this.current, startedAt);
      this.auth.markCaughtUp(new Date(startedAt));
    }
  }
}
