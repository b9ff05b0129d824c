import { CALLER, FakeAuthorizer, RESOURCE } from '../../../test-support/in-memory-ports';
import { contextFor } from '../../../test-support/stage-context';
import { authorizeStage } from './authorize.stage';

describe('authorize stage', () => {
  const resolved = { caller: CALLER, resource: RESOURCE };

  it('Given an allow, When run, Then the decision is kept and the model is passed as context', async () => {
    const authorizer = new FakeAuthorizer();
    const context = contextFor({}, resolved);
    expect(await authorizeStage(authorizer).run(context)).toBeUndefined();
    expect(context.decision?.decision).toBe('allow');
    expect(authorizer.inputs[0]).toMatchObject({
      resourceId: RESOURCE.id,
      action: 'model.chat',
      model: 'gpt-4o-mini',
    });
  });

  it('Given approval_required, When run, Then the request stops with approval_required', async () => {
    const authorizer = new FakeAuthorizer();
    authorizer.next = {
      decision: 'approval_required',
      reasons: [{ code: 'approval_required', message: 'needs approval' }],
      obligations: {},
      policyVersion: 'v',
    };
    expect(await authorizeStage(authorizer).run(contextFor({}, resolved))).toMatchObject({
      code: 'approval_required',
    });
  });

  it('Given stale policy state, When run, Then stale_state', async () => {
    const authorizer = new FakeAuthorizer();
    authorizer.next = {
      decision: 'deny',
      reasons: [{ code: 'stale_state', message: 'old' }],
      obligations: {},
      policyVersion: 'v',
    };
    expect(await authorizeStage(authorizer).run(contextFor({}, resolved))).toMatchObject({
      code: 'stale_state',
    });
  });
});
