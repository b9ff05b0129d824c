import type { GuardrailDetectorV1 } from '@warden/contracts';

export interface CreateProfile {
  readonly type: 'CreateProfile';
  readonly data: {
    readonly profileId: string;
    readonly organizationId: string;
    readonly name: string;
    readonly input: readonly GuardrailDetectorV1[];
    readonly output: readonly GuardrailDetectorV1[];
  };
}

/** Only the fields given change. */
export interface UpdateProfile {
  readonly type: 'UpdateProfile';
  readonly data: {
    readonly organizationId: string;
    readonly name?: string;
    readonly input?: readonly GuardrailDetectorV1[];
    readonly output?: readonly GuardrailDetectorV1[];
  };
}

export type ProfileCommand = CreateProfile | UpdateProfile;
