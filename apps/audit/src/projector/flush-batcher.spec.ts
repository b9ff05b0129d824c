import { FlushBatcher, type StagedFlush } from './flush-batcher';

/** A flush with nothing to prepare: all of it is the write. */
const writeOnly =
  <T>(write: (items: readonly T[]) => Promise<void>): StagedFlush<T> =>
  async (items) =>
  () =>
    write(items);

describe('FlushBatcher', () => {
  it('Given maxRows items, When added, Then they are flushed as one batch at once and every add resolves after it', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(
      writeOnly(async (items) => void batches.push([...items])),
      3,
      60_000,
    );

    await Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);

    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('Given fewer items than maxRows, When the delay passes, Then they are flushed together', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(
      writeOnly(async (items) => void batches.push([...items])),
      1000,
      10,
      1000,
    );

    await Promise.all([batcher.add(1), batcher.add(2)]);

    expect(batches).toEqual([[1, 2]]);
  });

  it('Given one item and nothing following, When the idle time passes, Then it is flushed before the delay', async () => {
    const batches: number[][] = [];
    const batcher = new FlushBatcher<number>(
      writeOnly(async (items) => void batches.push([...items])),
      1000,
      60_000,
      5,
    );

    await batcher.add(1);

    expect(batches).toEqual([[1]]);
  });

  it('Given a failing flush, When items were added, Then every add of that batch rejects and the next batch still flushes', async () => {
    let fail = true;
    const flushed: number[] = [];
    const batcher = new FlushBatcher<number>(
      writeOnly(async (items) => {
        if (fail) throw new Error('clickhouse down');
        flushed.push(...items);
      }),
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
      writeOnly(async (items) => {
        order.push(`start ${items.join(',')}`);
        if (items.includes(1)) await gate;
        order.push(`end ${items.join(',')}`);
      }),
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
      writeOnly(async (items) => {
        batches.push([...items]);
        if (items.includes(1)) await gate;
      }),
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
      writeOnly(async (items) => void batches.push([...items])),
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

describe('FlushBatcher with a preparation stage', () => {
  const gate = () => {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('Given items arriving while a batch is prepared, When its write starts, Then they are prepared during that write and written after it', async () => {
    const log: string[] = [];
    const preparing = gate();
    const writing = gate();
    const batcher = new FlushBatcher<number>(
      async (items) => {
        log.push(`prepare ${items.join(',')}`);
        if (items.includes(1)) await preparing.opened;
        return async () => {
          log.push(`write ${items.join(',')}`);
          if (items.includes(1)) await writing.opened;
          log.push(`written ${items.join(',')}`);
        };
      },
      1,
      60_000,
    );

    const first = batcher.add(1);
    const later = [batcher.add(2), batcher.add(3)];
    preparing.open();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const duringFirstWrite = [...log];
    writing.open();
    await Promise.all([first, ...later]);

    expect(duringFirstWrite).toEqual(['prepare 1', 'write 1', 'prepare 2,3']);
    expect(log).toEqual(['prepare 1', 'write 1', 'prepare 2,3', 'written 1', 'write 2,3', 'written 2,3']);
  });

  it('Given a write under way and nothing pending when it started, When items arrive, Then they wait for its end and form one batch', async () => {
    const batches: number[][] = [];
    const writing = gate();
    const batcher = new FlushBatcher<number>(
      async (items) => {
        batches.push([...items]);
        return async () => {
          if (items.includes(1)) await writing.opened;
        };
      },
      1,
      60_000,
      1,
    );

    const first = batcher.add(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [batcher.add(2), batcher.add(3)];
    await new Promise((resolve) => setTimeout(resolve, 10));
    writing.open();
    await Promise.all([first, ...later]);

    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('Given a failing preparation, When its batch was added, Then its adds reject, nothing of it is written and the next batch still is', async () => {
    const written: number[] = [];
    const batcher = new FlushBatcher<number>(
      async (items) => {
        if (items.includes(1)) throw new Error('lookup failed');
        return async () => void written.push(...items);
      },
      1,
      60_000,
    );

    const first = await Promise.allSettled([batcher.add(1)]);
    await batcher.add(2);

    expect(first[0]?.status).toBe('rejected');
    expect(written).toEqual([2]);
  });

  it('Given a failing write while the next batch is prepared, When both settle, Then only the failed batch rejects', async () => {
    const writing = gate();
    const batcher = new FlushBatcher<number>(
      async (items) => async () => {
        if (items.includes(1)) {
          await writing.opened;
          throw new Error('insert failed');
        }
      },
      1,
      60_000,
    );

    const first = batcher.add(1);
    const second = batcher.add(2);
    writing.open();
    const settled = await Promise.allSettled([first, second]);

    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled']);
  });
});
