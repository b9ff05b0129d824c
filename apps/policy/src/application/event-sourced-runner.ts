import { Inject, Injectable } from '@nestjs/common';
import { envelope, eventSchemas, type CloudEvent } from '@warden/contracts';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type StoredEvent,
} from '@warden/eventstore';
import {
  PreconditionFailedError,
  ValidationFailedError,
  WARDEN_CONFIG,
  type WardenConfig,
} from '@warden/platform';
import type { DomainEvent } from '../domain/domain-event';
import { newId } from './ids';
import type { RequestContext } from './request-context';
import { toHttpError } from './to-http-error';

const MAX_ATTEMPTS = 3;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export interface Loaded<S> {
  readonly state: S;
  /** Events in the stream (0 = no stream). */
  readonly revision: number;
  readonly stored: readonly StoredEvent[];
}

export interface RunOptions<S, E extends DomainEvent> {
  readonly streamId: string;
  readonly initial: S;
  readonly evolve: (state: S, event: E) => S;
  /** Throws when the loaded state must not be acted on, e.g. another org's object (→ 404). */
  readonly guard?: (loaded: Loaded<S>) => void;
  /** The object's version compared with If-Match; defaults to the stream revision. */
  readonly versionOf?: (state: S, revision: number) => number;
  /** When the request replays one already done (Idempotency-Key), the answer; else undefined. */
  readonly replay?: (loaded: Loaded<S>) => unknown;
  readonly decide: (state: S) => E[];
  readonly orgId: string;
  readonly ctx: RequestContext;
}

export type RunResult<S> =
  | {
      readonly replayed: false;
      readonly state: S;
      readonly revision: number;
      readonly events: readonly CloudEvent[];
    }
  | { readonly replayed: true; readonly answer: unknown };

/**
 * Load → decide → append, nothing else. Optimistic concurrency on the stream revision; a lost race is retried
 * from a fresh load unless the caller pinned a version with If-Match (then it answers 412). Decided events are
 * checked against their JSON Schema before the append, so a malformed request is a 400, never a poison event.
 */
@Injectable()
export class EventSourcedRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
  ) {}

  async load<S, E extends DomainEvent>(
    streamId: string,
    initial: S,
    evolve: (state: S, event: E) => S,
  ): Promise<Loaded<S>> {
    const stored = await this.store.readStream(streamId);
    const state = stored.reduce(
      (s, e) => evolve(s, { type: e.event.type, data: e.event.data } as E),
      initial,
    );
    return { state, revision: stored.length, stored };
  }

  async run<S, E extends DomainEvent>(options: RunOptions<S, E>): Promise<RunResult<S>> {
    const { ctx } = options;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(options.streamId, options.initial, options.evolve);
      const replay = options.replay?.(loaded);
      if (replay !== undefined) return { replayed: true, answer: replay };
      let events: E[];
      try {
        options.guard?.(loaded);
        const version = options.versionOf
          ? options.versionOf(loaded.state, loaded.revision)
          : loaded.revision;
        if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== version) {
          throw new PreconditionFailedError(
            `If-Match names version ${ctx.expectedVersion}; the current version is ${version}.`,
            'version_mismatch',
          );
        }
        events = options.decide(loaded.state);
        events.forEach(checkSchema);
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
            loaded.revision === 0 ? 'no_stream' : loaded.revision - 1,
          );
        }
        return {
          replayed: false,
          state: events.reduce(options.evolve, loaded.state),
          revision: loaded.revision + events.length,
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
    e: DomainEvent,
    options: { readonly streamId: string; readonly orgId: string; readonly ctx: RequestContext },
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
      orgid: options.orgId,
      principalid: ctx.caller.principalId,
      correlationid: ctx.requestId.slice(0, 128),
      causationid: causationId,
      ...(ctx.traceparent !== undefined && TRACEPARENT.test(ctx.traceparent)
        ? { traceparent: ctx.traceparent }
        : {}),
    });
  }
}

function checkSchema(event: DomainEvent): void {
  const result = eventSchemas().validateData(event.type, event.data);
  if (!result.ok)
    throw new ValidationFailedError([], `The request is invalid: ${result.reason}`, 'validation_failed');
}
