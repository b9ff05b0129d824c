import { GuardrailProfileDirectory } from './guardrail-profile-directory';

const created = {
  type: 'warden.guardrails.profile.created.v1',
  data: {
    profileId: 'gpr_1',
    organizationId: 'org_1',
    name: 'strict',
    input: [{ type: 'pii', action: 'block', options: { types: ['EMAIL'] } }],
    output: [],
  },
};

describe('GuardrailProfileDirectory', () => {
  it('Given a created then an updated profile, When looked up in its organization, Then the latest whole profile answers', () => {
    const directory = new GuardrailProfileDirectory();
    directory.apply(created);
    directory.apply({
      type: 'warden.guardrails.profile.updated.v1',
      data: { ...created.data, name: 'relaxed', input: [{ type: 'pii', action: 'flag' }], changed: ['name'] },
    });

    expect(directory.profile('org_1', 'gpr_1')).toEqual({
      name: 'relaxed',
      input: [{ type: 'pii', action: 'flag' }],
      output: [],
    });
    expect(directory.has('org_1', 'gpr_1')).toBe(true);
    expect([...directory.idsOf('org_1')]).toEqual(['gpr_1']);
  });

  it("Given org 1's profile, When org 2 looks its id up, Then the answer is the same as for an unknown id", () => {
    const directory = new GuardrailProfileDirectory();
    directory.apply(created);

    expect(directory.profile('org_2', 'gpr_1')).toEqual(directory.profile('org_2', 'gpr_unknown'));
    expect(directory.has('org_2', 'gpr_1')).toBe(false);
    expect(directory.idsOf('org_2').size).toBe(0);
  });

  it('Given the same event twice, When applied, Then the directory holds it once', () => {
    const directory = new GuardrailProfileDirectory();
    expect(directory.apply(created)).toBe(true);
    expect(directory.apply(created)).toBe(true);

    expect(directory.idsOf('org_1').size).toBe(1);
  });

  it('Given other events of the topic, When applied, Then they are not profiles', () => {
    const directory = new GuardrailProfileDirectory();

    expect(
      directory.apply({
        type: 'warden.guardrails.scan.completed.v1',
        data: { profileId: 'gpr_2', organizationId: 'org_1' },
      }),
    ).toBe(false);
    expect(directory.has('org_1', 'gpr_2')).toBe(false);
  });
});
