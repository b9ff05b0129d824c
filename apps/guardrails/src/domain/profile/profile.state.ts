import type {
  GuardrailDetectorV1,
  GuardrailProfileCreatedV1,
  GuardrailProfileUpdatedV1,
} from '@warden/contracts';

export type ProfileEvent =
  | { readonly type: 'warden.guardrails.profile.created.v1'; readonly data: GuardrailProfileCreatedV1 }
  | { readonly type: 'warden.guardrails.profile.updated.v1'; readonly data: GuardrailProfileUpdatedV1 };

export interface ExistingProfile {
  readonly exists: true;
  readonly profileId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly input: readonly GuardrailDetectorV1[];
  readonly output: readonly GuardrailDetectorV1[];
}

export type ProfileState = { readonly exists: false } | ExistingProfile;

export const initialProfile: ProfileState = { exists: false };

export function evolveProfile(_state: ProfileState, event: ProfileEvent): ProfileState {
  switch (event.type) {
    case 'warden.guardrails.profile.created.v1':
    case 'warden.guardrails.profile.updated.v1': {
      const { profileId, organizationId, name, input, output } = event.data;
      return { exists: true, profileId, organizationId, name, input, output };
    }
  }
}
