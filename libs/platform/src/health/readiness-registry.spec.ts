import { ReadinessRegistry } from './readiness-registry';

describe('ReadinessRegistry', () => {
  it('Given no checks, When reported, Then the process is ready', async () => {
    expect(await new ReadinessRegistry().report()).toEqual({ ready: true, checks: [] });
  });

  it('Given one passing and one throwing check, When reported, Then not ready and the failing one is named', async () => {
    const registry = new ReadinessRegistry();
    registry.register('database', async () => {});
    registry.register('bus', () => {
      throw new Error('broker unreachable');
    });

    const report = await registry.report();

    expect(report.ready).toBe(false);
    expect(report.checks).toEqual([
      { name: 'database', ok: true },
      { name: 'bus', ok: false, reason: 'broker unreachable' },
    ]);
  });

  it('Given a check that returns false or hangs, When reported, Then it fails (the hang by timeout)', async () => {
    const registry = new ReadinessRegistry();
    registry.register('flag', () => false);
    registry.register('hang', () => new Promise<void>(() => {}), 20);

    const report = await registry.report();

    expect(report.checks).toEqual([
      { name: 'flag', ok: false, reason: 'check returned false' },
      { name: 'hang', ok: false, reason: 'timed out after 20 ms' },
    ]);
  });

  it('Given shutdown has begun, When reported, Then not ready even with all checks passing', async () => {
    const registry = new ReadinessRegistry();
    registry.register('database', () => true);
    registry.markShuttingDown();

    expect((await registry.report()).ready).toBe(false);
  });

  it('Given a name already registered, When registered again, Then it is refused', () => {
    const registry = new ReadinessRegistry();
    registry.register('database', () => true);

    expect(() => registry.register('database', () => true)).toThrow('already registered');
  });
});
