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

// Applying and looking up profiles (latest version, own organization only) is the shared directory's, tested
// in libs/contracts; here, what the ingress does with it.
describe('GuardrailProfileProjection', () => {
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
