import { Inject, Injectable } from '@nestjs/common';
import { envelope, type CloudEvent } from '@warden/contracts';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type StoredEvent,
} from '@warden/eventstore';
import { PreconditionFailedError, WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import type { IdentityEvent } from '../domain/identity-event';
import { newId } from './ids';
import type { RequestContext } from './request-context';
import { toHttpError } from './rejection-to-http';

const MAX_ATTEMPTS = 3;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export interface Loaded<S> {
  readonly state: S;
  /** Events in the stream (0 = no stream); the version clients see and send in If-Match. */
  readonly version: number;
  readonly stored: readonly StoredEvent[];
}

export interface RunOptions<S, E extends IdentityEvent> {
  readonly streamId: string;
  readonly initial: S;
  readonly evolve: (state: S, event: E) => S;
  /** Throws (IdentityRejection or an HTTP error) when the loaded state must not be acted on, e.g. another org's object. */
  readonly guard?: (loaded: Loaded<S>) => void;
  /** When the request is a replay of one already done, the answer; else undefined. */
  readonly replay?: (loaded: Loaded<S>) => unknown;
  readonly decide: (state: S) => E[];
  readonly organizationId: string;
  readonly ctx: RequestContext;
}

export type RunResult<S> =
  | {
      readonly replayed: false;
      readonly state: S;
      readonly version: number;
      readonly events: readonly CloudEvent[];
    }
  | { readonly replayed: true; readonly answer: unknown };

/**
 * Load → decide → append, and nothing else: the one way identity changes state. Optimistic concurrency on the
 * stream revision; a lost race is retried from a fresh load unless the caller pinned a version with If-Match.
 */
@Injectable()
export class EventSourcedRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
  ) {}

  async load<S, E extends IdentityEvent>(
    streamId: string,
    initial: S,
    evolve: (state: S, event: E) => S,
  ): Promise<Loaded<S>> {
    const stored = await this.store.readStream(streamId);
    const state = stored.reduce(
      (s, e) => evolve(s, { type: e.event.type, data: e.event.data } as E),
      initial,
    );
    return { state, version: stored.length, stored };
  }

  async run<S, E extends IdentityEvent>(options: RunOptions<S, E>): Promise<RunResult<S>> {
    const { ctx } = options;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(options.streamId, options.initial, options.evolve);
      const replay = options.replay?.(loaded);
      if (replay !== undefined) return { replayed: true, answer: replay };
      options.guard?.(loaded);
      if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== loaded.version) {
        throw new PreconditionFailedError(
          `If-Match names version ${ctx.expectedVersion}; the current version is ${loaded.version}.`,
          'version_mismatch',
        );
      }
      let events: E[];
      try {
        events = options.decide(loaded.state);
      } catch (error) {
        throw toHttpError(error);
      }
      const causationId = newId('evt');
      const envelopes = events.map((e) => this.envelopeOf(e, options, causationId));
      try {
        if (envelopes.length > 0) {
          await this.store.append(
            options.streamId,
            envelopes,
            loaded.version === 0 ? 'no_stream' : loaded.version - 1,
          );
        }
        return {
          replayed: false,
          state: events.reduce(options.evolve, loaded.state),
          version: loaded.version + events.length,
          events: envelopes,
        };
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevisionError;
        if (!lostRace || ctx.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS)
          throw toHttpError(error);
      }
    }
  }

  private envelopeOf(
    e: IdentityEvent,
    options: Pick<RunOptions<unknown, IdentityEvent>, 'streamId' | 'organizationId' | 'ctx'>,
    causationId: string,
  ): CloudEvent {
    const { ctx } = options;
    return envelope({
      id: newId('evt'),
      source: this.config.serviceName,
      type: e.type,
      time: ctx.now,
      subject: options.streamId,
      data: e.data,
      orgid: options.organizationId,
      // `principalid` is who acted (the subject is the aggregate acted on); the operator's token has no principal.
      ...(ctx.caller.kind === 'principal' ? { principalid: ctx.caller.principalId } : {}),
      correlationid: ctx.requestId.slice(0, 128),
      causationid: causationId,
      ...(ctx.traceparent !== undefined && TRACEPARENT.test(ctx.traceparent)
        ? { traceparent: ctx.traceparent }
        : {}),
    });
  }
}
