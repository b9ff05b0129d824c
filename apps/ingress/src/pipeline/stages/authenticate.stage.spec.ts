import { CALLER, FakeAuthenticator, GOOD_KEY } from '../../../test-support/in-memory-ports';
import { contextFor } from '../../../test-support/stage-context';
import { authenticateStage } from './authenticate.stage';

describe('authenticate stage', () => {
  it('Given a valid key, When run, Then the caller is set', async () => {
    const context = contextFor({ apiKey: GOOD_KEY });
    expect(await authenticateStage(new FakeAuthenticator()).run(context)).toBeUndefined();
    expect(context.caller).toEqual(CALLER);
  });

  it('Given an unknown key, When run, Then unauthenticated with the reason kept as detail', async () => {
    expect(
      await authenticateStage(new FakeAuthenticator()).run(contextFor({ apiKey: 'wk_nope' })),
    ).toMatchObject({
      code: 'unauthenticated',
      detailCode: 'unknown',
    });
  });

  it('Given stale identity state, When run, Then it fails closed with stale_state', async () => {
    const authenticator = new FakeAuthenticator();
    authenticator.stale = true;
    expect(await authenticateStage(authenticator).run(contextFor())).toMatchObject({ code: 'stale_state' });
  });
});
