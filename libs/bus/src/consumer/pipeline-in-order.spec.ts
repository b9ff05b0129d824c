import { pipelineInOrder } from './pipeline-in-order';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('pipelineInOrder', () => {
  it('Given 1 in flight, When items are handled, Then each starts only after the previous settled', async () => {
    const events: string[] = [];
    await pipelineInOrder([1, 2, 3], {
      maxInFlight: 1,
      shouldStop: () => false,
      start: async (n) => {
        events.push(`start ${n}`);
        await tick();
        return n;
      },
      settle: (n) => {
        events.push(`settle ${n}`);
        return Promise.resolve();
      },
    });
    expect(events).toEqual(['start 1', 'settle 1', 'start 2', 'settle 2', 'start 3', 'settle 3']);
  });

  it('Given 3 in flight and items finishing out of order, When handled, Then starts overlap and settles stay in order', async () => {
    const events: string[] = [];
    const delays = [30, 1, 10, 5];
    await pipelineInOrder([0, 1, 2, 3], {
      maxInFlight: 3,
      shouldStop: () => false,
      start: async (i) => {
        events.push(`start ${i}`);
        await new Promise((resolve) => setTimeout(resolve, delays[i]));
        return i;
      },
      settle: (i) => {
        events.push(`settle ${i}`);
        return Promise.resolve();
      },
    });
    expect(events.slice(0, 3)).toEqual(['start 0', 'start 1', 'start 2']);
    expect(events.filter((e) => e.startsWith('settle'))).toEqual([
      'settle 0',
      'settle 1',
      'settle 2',
      'settle 3',
    ]);
  });

  it('Given a failing item, When handled, Then nothing after it settles and the error surfaces', async () => {
    const settled: number[] = [];
    await expect(
      pipelineInOrder([0, 1, 2], {
        maxInFlight: 2,
        shouldStop: () => false,
        start: (i) => (i === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(i)),
        settle: (i) => {
          settled.push(i);
          return Promise.resolve();
        },
      }),
    ).rejects.toThrow('boom');
    expect(settled).toEqual([0]);
  });
});
