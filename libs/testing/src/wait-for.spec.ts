import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('given a predicate that becomes truthy on the third call, when waited for, then it resolves with that value', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { intervalMs: 1 });
    expect(value).toBe('after 3');
  });

  it('given a predicate that throws before it succeeds, when waited for, then the throws count as "not yet"', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 2) throw new Error('not ready');
        return Promise.resolve(42);
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(42);
  });

  it('given a predicate that never holds, when the time is up, then it rejects naming the condition and the last error', async () => {
    const started = Date.now();
    await expect(
      waitFor(
        () => {
          throw new Error('still booting');
        },
        { timeoutMs: 60, intervalMs: 10, message: 'service ready' },
      ),
    ).rejects.toThrow('waitFor: service ready not met within 60 ms (last error: still booting)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });
});
