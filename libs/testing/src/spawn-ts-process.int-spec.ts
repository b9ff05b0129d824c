import { spawnTsProcess } from './spawn-ts-process';

const FIXTURE = 'libs/testing/fixtures/line-printer.ts';

describe('spawnTsProcess', () => {
  it('when a TypeScript entry using @warden aliases starts, then its lines are awaited and SIGTERM ends it', async () => {
    const child = spawnTsProcess(FIXTURE, { args: ['one', 'two'] });
    try {
      expect(child.pid).toBeGreaterThan(0);
      await expect(child.waitForLine(/^ready$/, 30_000)).resolves.toBe('ready');
      await expect(child.waitForLine(/^started prefix=t[0-9a-f]{8}\. args=one,two$/)).resolves.toContain(
        'args=one,two',
      );
      await expect(child.waitForLine(/warming up/)).resolves.toBe('warming up on stderr');

      child.kill('SIGTERM');
      await expect(child.exited).resolves.toEqual({ code: 7, signal: null });
      expect(child.stdout()).toContain('stopping\n');
    } finally {
      await child.stop();
    }
  });

  it('given a process that exits before the line appears, then waitForLine rejects with its output', async () => {
    const child = spawnTsProcess(FIXTURE, { env: { LINE_PRINTER_EXIT_AT_ONCE: '1' } });
    await expect(child.waitForLine(/^ready$/, 30_000)).rejects.toThrow(
      /process exited \(code 3, signal null\)/,
    );
    await expect(child.waitForLine(/no newline at the end/)).resolves.toBe('no newline at the end');
  });

  it('given a process printing more than the capture bound, then only the latest output is kept', async () => {
    const child = spawnTsProcess(FIXTURE, { env: { LINE_PRINTER_LINES: '12000' } });
    try {
      await child.waitForLine(/^ready$/, 30_000);
      expect(child.stdout().length).toBeLessThanOrEqual(1_000_000);
      expect(child.stdout()).toContain('filler line 11999');
      expect(child.stdout()).not.toContain('started prefix=');
    } finally {
      await expect(child.stop(5_000)).resolves.toEqual({ code: 7, signal: null });
    }
  });
});
