import { CALLER, FakeDirectory, RESOURCE } from '../../../test-support/in-memory-ports';
import { contextFor } from '../../../test-support/stage-context';
import { resolveConnectionStage } from './resolve-connection.stage';

describe('resolve_connection stage', () => {
  it('Given a model some connection allows, When run, Then the resource and connection are set', async () => {
    const context = contextFor({}, { caller: CALLER });
    expect(await resolveConnectionStage(new FakeDirectory()).run(context)).toBeUndefined();
    expect(context.resource?.id).toBe(RESOURCE.id);
    expect(context.connection?.id).toBe('con_1');
  });

  it('Given an unknown resource id, When run, Then not_found', async () => {
    expect(
      await resolveConnectionStage(new FakeDirectory()).run(
        contextFor({ resourceId: 'res_other' }, { caller: CALLER }),
      ),
    ).toMatchObject({
      code: 'not_found',
    });
  });

  it('Given a model no connection allows, When run, Then forbidden (no_connection)', async () => {
    expect(
      await resolveConnectionStage(new FakeDirectory()).run(
        contextFor({ target: 'claude' }, { caller: CALLER }),
      ),
    ).toMatchObject({
      code: 'forbidden',
      detailCode: 'no_connection',
    });
  });
});
