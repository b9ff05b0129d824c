import { FlushBatcher } from './flush-batcher';

describe('FlushBatcher', () => {
  it('Given maxRows items, When added, Then they are flushed as one batch at once and every add resolves after it', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(async (items) => void batches.push([...items]), 3, 60_000);

    await Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);

    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('Given fewer items than maxRows, When the delay passes, Then they are flushed together', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(async (items) => void batches.push([...items]), 1000, 10, 1000);

    await Promise.all([batcher.add(1), batcher.add(2)]);

    expect(batches).toEqual([[1, 2]]);
  });

  it('Given one item and nothing following, When the idle time passes, Then it is flushed before the delay', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(async (items) => void batches.push([...items]), 1000, 60_000, 5);

    await batcher.add(1);

    expect(batches).toEqual([[1]]);
  });

  it('Given a failing flush, When items were added, Then every add of that batch rejects and the next batch still flushes', async () => {
    let fail = true;
    const flushed: number[] = [];
    const batcher = new FlushBatcher<number>(
      async (items) => {
        if (fail) throw new Error('clickhouse down');
        flushed.push(...items);
      },
      2,
      10,
    );

    const first = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    fail = false;
    await batcher.add(3);

    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(flushed).toEqual([3]);
  });

  it('Given a flush in progress, When more items arrive, Then they wait for it and form the next batch', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new FlushBatcher<number>(
      async (items) => {
        order.push(`start ${items.join(',')}`);
        if (items.includes(1)) await gate;
        order.push(`end ${items.join(',')}`);
      },
      1,
      10,
    );

    const first = batcher.add(1);
    const second = batcher.add(2);
    release();
    await Promise.all([first, second]);

    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });
});

describe('FlushBatcher under load', () => {
  it('Given groups added while a flush runs, When it ends, Then they all form the next batch, in order, and each resolves after it', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new FlushBatcher<number>(
      async (items) => {
        batches.push([...items]);
        if (items.includes(1)) await gate;
      },
      2,
      60_000,
      1,
    );

    const first = batcher.addAll([1, 2]);
    const later = [batcher.addAll([3]), batcher.addAll([4, 5]), batcher.add(6)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all([first, ...later]);

    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5, 6],
    ]);
  });

  it('Given items pending below every trigger, When drained, Then they are flushed and drain resolves after it', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(
      async (items) => void batches.push([...items]),
      100,
      60_000,
      60_000,
    );

    const added = batcher.addAll([1, 2]);
    await batcher.drain();
    await added;

    expect(batches).toEqual([[1, 2]]);
  });
});
