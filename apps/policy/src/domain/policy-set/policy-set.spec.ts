import { given, rejectionOf } from '../testing/given-when-then';
import { decidePolicySet, evolvePolicySet, initialPolicySet } from './policy-set';

const FORBID_DELETE =
  '@id("no-delete")\nforbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "fs.delete" };';

describe('decidePolicySet', () => {
  it('Given no policy set, When a valid set is published, Then version 1 is published', () => {
    expect(
      decidePolicySet(
        { type: 'PublishPolicySet', orgId: 'org_1', policies: FORBID_DELETE },
        initialPolicySet,
      ),
    ).toEqual([
      {
        type: 'warden.policy.policy_set.published.v1',
        data: { orgId: 'org_1', version: 1, policies: FORBID_DELETE },
      },
    ]);
  });

  it('Given version 2, When another set is published, Then it is version 3', () => {
    const state = given(initialPolicySet, evolvePolicySet, [
      ...decidePolicySet({ type: 'PublishPolicySet', orgId: 'org_1', policies: '' }, initialPolicySet),
      { type: 'warden.policy.policy_set.published.v1', data: { orgId: 'org_1', version: 2, policies: '' } },
    ]);

    const [event] = decidePolicySet(
      { type: 'PublishPolicySet', orgId: 'org_1', policies: FORBID_DELETE },
      state,
    );

    expect(event?.data.version).toBe(3);
  });

  it("Given no policy set, When the text does not parse, Then it is rejected with Cedar's own message", () => {
    const rejection = rejectionOf(() =>
      decidePolicySet(
        { type: 'PublishPolicySet', orgId: 'org_1', policies: 'forbid(principal, action, resource' },
        initialPolicySet,
      ),
    );

    expect(rejection.code).toBe('policy_set_invalid');
  });

  it('Given no policy set, When a policy names an attribute outside the schema, Then it is rejected', () => {
    const policies = 'forbid(principal, action, resource) when { context.noSuchAttribute == 1 };';

    expect(
      rejectionOf(() =>
        decidePolicySet({ type: 'PublishPolicySet', orgId: 'org_1', policies }, initialPolicySet),
      ).code,
    ).toBe('policy_set_invalid');
  });
});
