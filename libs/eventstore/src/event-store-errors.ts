import type { ExpectedRevision } from './event-store.port';

/** The stream's current revision: the 0-based revision of its last event, or 'no_stream'. */
export type ActualRevision = number | 'no_stream';

/** Optimistic concurrency conflict: the stream is not where the caller expected; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'eventstore.wrong_expected_revision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream "${streamId}": expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id already stored somewhere other than exactly this append's place; nothing was written. */
export class DuplicateEventIdError extends Error {
  readonly code = 'eventstore.duplicate_event_id';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream "${streamId}": event id(s) ${eventIds.join(', ')} already stored elsewhere`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The append request itself is malformed (missing or repeated ids, bad expected revision, empty stream id). */
export class InvalidAppendError extends Error {
  readonly code = 'eventstore.invalid_append';
  constructor(
    readonly streamId: string,
    reason: string,
  ) {
    super(`Invalid append to stream "${streamId}": ${reason}`);
    this.name = 'InvalidAppendError';
  }
}
