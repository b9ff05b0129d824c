import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from './event-store-errors';
import type { ExpectedRevision } from './event-store.port';

/** A stored event that carries one of the ids being appended. */
export interface StoredEventRef {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
}

export interface AppendRequest {
  readonly streamId: string;
  readonly eventIds: readonly string[];
  readonly expected: ExpectedRevision;
}

/** -1 when the stream has no event. */
export type CurrentRevision = number;

export type AppendDecision =
  | { readonly kind: 'write'; readonly firstRevision: number }
  | {
      readonly kind: 'already_appended';
      readonly nextExpectedRevision: number;
      readonly lastPosition: number;
    };

/** Pure: rejects requests that can never succeed, before any I/O. */
export function validateAppendRequest(request: AppendRequest): void {
  const { streamId, eventIds, expected } = request;
  if (streamId === '') throw new InvalidAppendError(streamId, 'the stream id is empty');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(streamId, `expected revision ${expected} is not a non-negative integer`);
  }
  if (eventIds.some((id) => typeof id !== 'string' || id === '')) {
    throw new InvalidAppendError(streamId, 'every event needs a non-empty id');
  }
  if (new Set(eventIds).size !== eventIds.length) {
    throw new InvalidAppendError(streamId, 'the same event id appears twice in one append');
  }
}

/** Pure: does a stream standing at `current` satisfy `expected`? (-1 = no stream) */
export function satisfiesExpected(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current >= 0;
    default:
      return current === expected;
  }
}

function wrongRevision(request: AppendRequest, current: CurrentRevision): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(
    request.streamId,
    request.expected,
    current === -1 ? 'no_stream' : current,
  );
}

/**
 * Pure: given the stream's current revision and the stored events that already carry the request's ids,
 * decide whether to write, to answer an idempotent replay, or to refuse.
 * A replay is the exact same ids, in the same order, stored consecutively in the same stream at the place
 * `expected` pointed to when they were first appended.
 */
export function decideAppend(
  request: AppendRequest,
  current: CurrentRevision,
  alreadyStored: readonly StoredEventRef[],
): AppendDecision {
  if (alreadyStored.length === 0) {
    if (!satisfiesExpected(request.expected, current)) throw wrongRevision(request, current);
    return { kind: 'write', firstRevision: current + 1 };
  }
  const byId = new Map(alreadyStored.map((ref) => [ref.eventId, ref]));
  const refs = request.eventIds.map((id) => byId.get(id));
  const first = refs[0];
  const isSameAppend =
    first !== undefined &&
    refs.every(
      (ref, i) =>
        ref !== undefined && ref.streamId === request.streamId && ref.revision === first.revision + i,
    );
  if (!isSameAppend) {
    throw new DuplicateEventIdError(
      request.streamId,
      alreadyStored.map((ref) => ref.eventId),
    );
  }
  if (!satisfiesExpected(request.expected, first.revision - 1)) throw wrongRevision(request, current);
  const last = refs[refs.length - 1] ?? first;
  return { kind: 'already_appended', nextExpectedRevision: last.revision, lastPosition: last.position };
}
