import type { GuardrailDetectorV1 } from '@warden/contracts';

export interface UpdateProfileCommand {
  readonly organizationId: string;
  readonly profileId: string;
  readonly name?: string;
  readonly input?: readonly GuardrailDetectorV1[];
  readonly output?: readonly GuardrailDetectorV1[];
}
