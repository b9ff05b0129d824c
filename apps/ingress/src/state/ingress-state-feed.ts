import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { GUARDRAIL_PROFILE_TYPES, TOPICS } from '@warden/contracts';
import type { Bus, Consumer } from '@warden/bus';
import type { AuthProjection } from '@warden/identity-auth';
import type { GuardrailProfileProjection } from '../adapters/guardrail-profile-projection';
import type { PolicyProjection } from '../adapters/policy-projection';

/** The local state an ingress decides on. */
export interface IngressProjections {
  readonly auth: AuthProjection;
  readonly policy: PolicyProjection;
  readonly profiles: GuardrailProfileProjection;
}

/**
 * Feeds the ingress's local projections (authentication, policy, guardrail profiles) from the identity,
 * policy and guardrails topics.
 * Every replica reads every event, so the group is unique per process.
 *
 * Freshness: the bus port gives no "caught up" signal yet, so while the consumer runs the projections
 * are confirmed current every `heartbeatMs`; when the consumer fails they stop being confirmed and,
 * past the staleness bound, authentication and authorization fail closed.
 */
export class IngressStateFeed {
  private consumer?: Consumer;
  private timer?: NodeJS.Timeout;
  private confirmedAt = 0;
  private failed = false;

  constructor(
    private readonly bus: Pick<Bus, 'consume'>,
    private readonly projections: IngressProjections,
    private readonly options: {
      readonly maxStalenessMs: number;
      readonly heartbeatMs?: number;
      readonly groupId?: string;
    },
  ) {}

  async start(): Promise<void> {
    this.consumer = await this.bus.consume({
      groupId:
        this.options.groupId ?? `ingress-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
      topics: [TOPICS.identity, TOPICS.policy, TOPICS.guardrails],
      // Scan records share the guardrails topic with the profiles: passed over undecoded at every start.
      types: ['warden.identity.', 'warden.policy.', GUARDRAIL_PROFILE_TYPES],
      fromBeginning: true,
      handle: (message) => {
        const { auth, policy, profiles } = this.projections;
        auth.apply(message.event, `${message.partition}:${message.offset}`);
        policy.apply(message.event);
        profiles.apply(message.event);
        this.confirm();
        return Promise.resolve();
      },
    });
    this.confirm();
    this.timer = setInterval(() => {
      if (!this.failed) this.confirm();
    }, this.options.heartbeatMs ?? 1_000);
    this.timer.unref();
  }

  /** A consumer failure stops the confirmations: the state then ages out and the pipeline fails closed. */
  markFailed(): void {
    this.failed = true;
  }

  isFresh(now: Date): boolean {
    return now.getTime() - this.confirmedAt <= this.options.maxStalenessMs;
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.consumer?.close();
  }

  private confirm(): void {
    const now = Date.now();
    this.confirmedAt = now;
    this.projections.auth.markCaughtUp(new Date(now));
    this.projections.policy.markCurrent(now);
  }
}
