import type { GuardrailProfileCreatedV1 } from '@warden/contracts';
import { decider } from '@warden/testing';
import { decideProfile } from './profile.decide';
import type { ProfileCommand } from './profile.commands';
import { evolveProfile, initialProfile, type ProfileEvent, type ProfileState } from './profile.state';

const profile = decider<ProfileCommand, ProfileState, ProfileEvent>(
  decideProfile,
  evolveProfile,
  initialProfile,
);

const created: GuardrailProfileCreatedV1 = {
  profileId: 'gpr_1',
  organizationId: 'org_a',
  name: 'support',
  input: [{ type: 'injection', action: 'block' }],
  output: [{ type: 'pii', action: 'redact', options: { types: ['EMAIL'] } }],
};
const wasCreated: ProfileEvent = { type: 'warden.guardrails.profile.created.v1', data: created };

describe('guardrail profile decider', () => {
  it('Given no profile, When it is created, Then profile.created carries the detectors', () => {
    profile.given([]).when({ type: 'CreateProfile', data: created }).then([wasCreated]);
  });

  it('Given a profile, When the same id is created again, Then it is a conflict', () => {
    profile
      .given([wasCreated])
      .when({ type: 'CreateProfile', data: created })
      .thenRejects('guardrail_profile_exists', 'conflict');
  });

  it('Given no profile, When created with one detector type twice in a direction, Then duplicate_detector', () => {
    profile
      .given([])
      .when({
        type: 'CreateProfile',
        data: {
          ...created,
          input: [
            { type: 'pii', action: 'flag' },
            { type: 'pii', action: 'block' },
          ],
        },
      })
      .thenRejects('duplicate_detector', 'invalid');
  });

  it.each([
    ['allowedHosts on pii', { type: 'pii', action: 'flag', options: { allowedHosts: ['a.example'] } }],
    ['types on secrets', { type: 'secrets', action: 'block', options: { types: ['EMAIL'] } }],
    ['windows on exfil', { type: 'exfil', action: 'block', options: { windows: false } }],
  ] as const)(
    'Given no profile, When created with %s, Then detector_option_not_supported',
    (_name, detector) => {
      profile
        .given([])
        .when({ type: 'CreateProfile', data: { ...created, output: [detector] } })
        .thenRejects('detector_option_not_supported', 'invalid');
    },
  );

  it('Given a profile, When its output changes, Then profile.updated holds the new state and names what changed', () => {
    const output = [{ type: 'secrets', action: 'block' }] as const;
    profile
      .given([wasCreated])
      .when({ type: 'UpdateProfile', data: { organizationId: 'org_a', output } })
      .then([
        {
          type: 'warden.guardrails.profile.updated.v1',
          data: {
            profileId: 'gpr_1',
            organizationId: 'org_a',
            name: 'support',
            input: created.input,
            output,
            changed: ['output'],
          },
        },
      ]);
  });

  it('Given a profile, When updated with the values it already has, Then nothing happens', () => {
    profile
      .given([wasCreated])
      .when({
        type: 'UpdateProfile',
        data: { organizationId: 'org_a', name: 'support', input: created.input },
      })
      .then([]);
  });

  it('Given a profile of org A, When org B updates it, Then it is not found', () => {
    profile
      .given([wasCreated])
      .when({ type: 'UpdateProfile', data: { organizationId: 'org_b', name: 'stolen' } })
      .thenRejects('guardrail_profile_not_found', 'not_found');
  });

  it('Given no profile, When it is updated, Then it is not found', () => {
    profile
      .given([])
      .when({ type: 'UpdateProfile', data: { organizationId: 'org_a', name: 'x' } })
      .thenRejects('guardrail_profile_not_found', 'not_found');
  });

  it('Given a profile updated twice, Then its state is the last update', () => {
    const events: ProfileEvent[] = [
      wasCreated,
      ...decideProfile(
        { type: 'UpdateProfile', data: { organizationId: 'org_a', name: 'renamed' } },
        evolveProfile(initialProfile, wasCreated),
      ),
    ];
    const state = events.reduce(evolveProfile, initialProfile);
    expect(state).toEqual({ exists: true, ...created, name: 'renamed' });
  });
});
