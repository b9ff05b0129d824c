import {
  decideAppend,
  satisfiesExpected,
  validateAppendRequest,
  type StoredEventRef,
} from './append-decision';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from './event-store-errors';
import type { ExpectedRevision } from './event-store.port';

const ref = (
  eventId: string,
  revision: number,
  streamId = 's-1',
  position = revision + 10,
): StoredEventRef => ({
  eventId,
  streamId,
  revision,
  position,
});

describe('satisfiesExpected', () => {
  it.each<[ExpectedRevision, number, boolean]>([
    ['any', -1, true],
    ['any', 7, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 0, true],
    [3, 3, true],
    [3, 2, false],
    [0, -1, false],
  ])('given expected %p and a stream at %p, then it is %p', (expected, current, ok) => {
    expect(satisfiesExpected(expected, current)).toBe(ok);
  });
});

describe('validateAppendRequest', () => {
  it.each([
    ['an empty stream id', { streamId: '', eventIds: ['a'], expected: 'any' as const }],
    ['a negative expected revision', { streamId: 's', eventIds: ['a'], expected: -1 }],
    ['a fractional expected revision', { streamId: 's', eventIds: ['a'], expected: 1.5 }],
    ['an empty event id', { streamId: 's', eventIds: [''], expected: 'any' as const }],
    ['an id twice in one append', { streamId: 's', eventIds: ['a', 'b', 'a'], expected: 'any' as const }],
  ])('given %s, when validating, then it throws InvalidAppendError', (_label, request) => {
    expect(() => validateAppendRequest(request)).toThrow(InvalidAppendError);
  });

  it('given distinct ids and a valid expectation, when validating, then it passes', () => {
    expect(() => validateAppendRequest({ streamId: 's', eventIds: ['a', 'b'], expected: 0 })).not.toThrow();
  });
});

describe('decideAppend', () => {
  it('given new ids and a matching revision, when deciding, then it writes after the current revision', () => {
    expect(decideAppend({ streamId: 's-1', eventIds: ['a', 'b'], expected: 4 }, 4, [])).toEqual({
      kind: 'write',
      firstRevision: 5,
    });
  });

  it('given a new stream, when appending with no_stream, then the first revision is 0', () => {
    expect(decideAppend({ streamId: 's-1', eventIds: ['a'], expected: 'no_stream' }, -1, [])).toEqual({
      kind: 'write',
      firstRevision: 0,
    });
  });

  it('given a stale expected revision, when deciding, then it throws the conflict with expected and actual', () => {
    const decide = () => decideAppend({ streamId: 's-1', eventIds: ['a'], expected: 2 }, 3, []);

    expect(decide).toThrow(WrongExpectedRevisionError);
    expect(decide).toThrow(
      expect.objectContaining({
        code: 'eventstore.wrong_expected_revision',
        streamId: 's-1',
        expected: 2,
        actual: 3,
      }),
    );
  });

  it('given no stream, when expecting stream_exists, then the conflict reports no_stream', () => {
    expect(() =>
      decideAppend({ streamId: 's-1', eventIds: ['a'], expected: 'stream_exists' }, -1, []),
    ).toThrow(expect.objectContaining({ actual: 'no_stream' }));
  });

  it('given the same events already stored at the expected place, when re-appending, then it answers without writing', () => {
    const stored = [ref('b', 3, 's-1', 41), ref('a', 2, 's-1', 40)];

    expect(decideAppend({ streamId: 's-1', eventIds: ['a', 'b'], expected: 1 }, 3, stored)).toEqual({
      kind: 'already_appended',
      nextExpectedRevision: 3,
      lastPosition: 41,
    });
  });

  it('given the same events stored by an append with no_stream, when re-appending with no_stream, then it is a replay', () => {
    expect(
      decideAppend({ streamId: 's-1', eventIds: ['a'], expected: 'no_stream' }, 5, [ref('a', 0)]).kind,
    ).toBe('already_appended');
  });

  it('given the same events stored at another revision than expected, when re-appending, then it is a conflict', () => {
    expect(() => decideAppend({ streamId: 's-1', eventIds: ['a'], expected: 5 }, 7, [ref('a', 2)])).toThrow(
      WrongExpectedRevisionError,
    );
  });

  it.each([
    ['in another stream', [ref('a', 0, 's-2')]],
    ['only partly', [ref('a', 0)]],
    ['in another order', [ref('a', 1), ref('b', 0)]],
    ['not consecutively', [ref('a', 0), ref('b', 2)]],
  ])(
    'given an id already stored %s, when appending, then it throws DuplicateEventIdError',
    (_label, stored) => {
      expect(() =>
        decideAppend({ streamId: 's-1', eventIds: ['a', 'b'], expected: 'any' }, 2, stored),
      ).toThrow(DuplicateEventIdError);
    },
  );
});
