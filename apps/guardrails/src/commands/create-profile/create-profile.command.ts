import type { GuardrailDetectorV1 } from '@warden/contracts';

export interface CreateProfileCommand {
  readonly organizationId: string;
  readonly name: string;
  readonly input: readonly GuardrailDetectorV1[];
  readonly output: readonly GuardrailDetectorV1[];
}
