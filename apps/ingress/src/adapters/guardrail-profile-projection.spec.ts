import { DetectorsInspector, PROFILE_UNAVAILABLE } from './detectors-inspector';
import { GuardrailProfileProjection } from './guardrail-profile-projection';

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

describe('GuardrailProfileProjection', () => {
  it('Given a created then an updated profile, When looked up, Then the latest whole profile is the engine profile', () => {
    const projection = new GuardrailProfileProjection();
    projection.apply(created);
    projection.apply({
      type: 'warden.guardrails.profile.updated.v1',
      data: {
        ...created.data,
        name: 'relaxed',
        input: [{ type: 'pii', action: 'flag' }],
        changed: ['name', 'input'],
      },
    });
    expect(projection.profile({ orgId: 'org_1', id: 'gpr_1' })).toEqual({
      name: 'relaxed',
      input: [{ type: 'pii', action: 'flag' }],
      output: [],
    });
  });

  it("Given another organization's profile id, When a connection of org 2 names it, Then it does not apply", () => {
    const projection = new GuardrailProfileProjection();
    projection.apply(created);
    expect(projection.profile({ orgId: 'org_2', id: 'gpr_1' })).toBeUndefined();
  });

  it('Given other guardrails events, When applied, Then no profile appears', () => {
    const projection = new GuardrailProfileProjection();
    projection.apply({ type: 'warden.guardrails.scan.completed.v1', data: { profileId: 'gpr_2' } });
    expect(projection.profile({ orgId: 'org_1', id: 'gpr_2' })).toBeUndefined();
  });

  it('Given the inspector on the projection, When a connection names an unknown profile, Then input and streams fail closed', () => {
    const projection = new GuardrailProfileProjection();
    projection.apply(created);
    const inspector = new DetectorsInspector((ref) =>
      ref === undefined ? undefined : projection.profile(ref),
    );
    expect(
      inspector.inspect('input', 'Mail ada@acme-corp.io', { orgId: 'org_1', id: 'gpr_1' }),
    ).toMatchObject({
      action: 'block',
      profile: 'strict',
    });
    expect(inspector.inspect('input', 'Say hello', { orgId: 'org_1', id: 'gpr_missing' })).toEqual({
      action: 'block',
      findingTypes: [PROFILE_UNAVAILABLE],
      profile: 'gpr_missing',
    });
    const stream = inspector.stream({ orgId: 'org_1', id: 'gpr_missing' });
    expect(stream.push('Hello')).toEqual({ release: '', blocked: true });
    expect(stream.outcome().action).toBe('block');
  });
});
