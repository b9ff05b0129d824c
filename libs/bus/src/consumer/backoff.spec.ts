import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('Given successive failed attempts, When delays are computed, Then they double up to the cap', () => {
    const policy = { initialMs: 100, maxMs: 500 };

    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy))).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });

  it('Given no policy, When computed, Then the defaults apply (100 ms, capped at 2 s)', () => {
    expect([backoffDelay(1), backoffDelay(10)]).toEqual([100, 2000]);
  });
});
