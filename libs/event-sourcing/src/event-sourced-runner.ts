import { eventSchemas, type CloudEvent } from '@warden/contracts';
import { WrongExpectedRevisionError, type EventStore, type StoredEvent } from '@warden/eventstore';
import { PreconditionFailedError, ValidationFailedError } from '@warden/platform';
import type { CommandContext } from './command-context';
import { commandEnvelope } from './command-envelope';
import { newId } from './ids';
import { rejectionToHttp } from './rejection-to-http';

const MAX_ATTEMPTS = 3;

/** A domain event as `decide` returns it and `evolve` takes it. */
export interface DecidedEvent {
  readonly type: string;
  readonly data: object;
}

export interface Loaded<S> {
  readonly state: S;
  /** Events in the stream (0 = no stream). */
  readonly revision: number;
  readonly stored: readonly StoredEvent[];
}

export interface RunOptions<S, E extends DecidedEvent> {
  readonly streamId: string;
  readonly orgId: string;
  readonly ctx: CommandContext;
  readonly initial: S;
  readonly evolve: (state: S, event: E) => S;
  /** When the request replays one already done (Idempotency-Key), the answer; else undefined. */
  readonly replay?: (loaded: Loaded<S>) => unknown;
  /** Throws when the loaded state must not be acted on, e.g. another organization's object (→ 404). */
  readonly guard?: (loaded: Loaded<S>) => void;
  /** The object's version compared with If-Match; defaults to the stream revision. */
  readonly versionOf?: (state: S, revision: number) => number;
  readonly decide: (state: S) => E[];
}

export type RunResult<S> =
  | {
      readonly replayed: false;
      readonly state: S;
      readonly revision: number;
      readonly events: readonly CloudEvent[];
    }
  | { readonly replayed: true; readonly answer: unknown };

export interface RunnerSettings {
  /** The producing service, recorded as every event's `source`. */
  readonly source: string;
  /** The bounded context's translation of its errors to problem+json; defaults to {@link rejectionToHttp}. */
  readonly toHttpError?: (error: unknown) => unknown;
}

/**
 * Load → decide → append, and nothing else: the one way an event-sourced service changes state. Optimistic
 * concurrency on the stream revision: a lost race is retried from a fresh load unless the caller pinned a
 * version with If-Match (then 412). Decided events are checked against their JSON Schema before the append,
 * so a malformed request is a 400, never a poison event on the bus.
 */
export class EventSourcedRunner {
  private readonly toHttpError: (error: unknown) => unknown;

  constructor(
    private readonly store: EventStore,
    private readonly settings: RunnerSettings,
  ) {
    this.toHttpError = settings.toHttpError ?? rejectionToHttp;
  }

  async load<S, E extends DecidedEvent>(
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

  async run<S, E extends DecidedEvent>(options: RunOptions<S, E>): Promise<RunResult<S>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(options.streamId, options.initial, options.evolve);
      const replay = options.replay?.(loaded);
      if (replay !== undefined) return { replayed: true, answer: replay };
      const events = this.decided(options, loaded);
      const causationId = newId('evt');
      const envelopes = events.map((event) =>
        commandEnvelope(event, {
          source: this.settings.source,
          subject: options.streamId,
          orgId: options.orgId,
          ctx: options.ctx,
          causationId,
        }),
      );
      try {
        if (envelopes.length > 0) {
          const expected = loaded.revision === 0 ? 'no_stream' : loaded.revision - 1;
          await this.store.append(options.streamId, envelopes, expected);
        }
        return {
          replayed: false,
          state: events.reduce(options.evolve, loaded.state),
          revision: loaded.revision + events.length,
          events: envelopes,
        };
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevisionError;
        if (!lostRace || options.ctx.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS)
          throw this.toHttpError(error);
      }
    }
  }

  private decided<S, E extends DecidedEvent>(options: RunOptions<S, E>, loaded: Loaded<S>): E[] {
    try {
      options.guard?.(loaded);
      const { expectedVersion } = options.ctx;
      const version = options.versionOf?.(loaded.state, loaded.revision) ?? loaded.revision;
      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw new PreconditionFailedError(
          `If-Match names version ${expectedVersion}; the current version is ${version}.`,
          'version_mismatch',
        );
      }
      const events = options.decide(loaded.state);
      events.forEach(checkSchema);
      return events;
    } catch (error) {
      throw this.toHttpError(error);
    }
  }
}

function checkSchema(event: DecidedEvent): void {
  const result = eventSchemas().validateData(event.type, event.data);
  if (!result.ok) {
    throw new ValidationFailedError([], `The request is invalid: ${result.reason}`, 'validation_failed');
  }
}
