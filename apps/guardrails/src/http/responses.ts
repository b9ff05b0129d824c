import type { GuardrailDetectorV1 } from '@warden/contracts';
import type { ExistingProfile } from '../domain/profile/profile.state';

export interface GuardrailProfileResponse {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly input: readonly GuardrailDetectorV1[];
  readonly output: readonly GuardrailDetectorV1[];
  readonly version: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface Created<T> {
  readonly body: T;
  readonly replayed: boolean;
}

export interface ScanResponse {
  readonly action: 'allow' | 'block' | 'redact' | 'flag';
  readonly findings: readonly { type: string; start: number; end: number; score: number }[];
  readonly redacted?: string;
}

export function profileResponse(profile: ExistingProfile, version: number): GuardrailProfileResponse {
  return {
    id: profile.profileId,
    organizationId: profile.organizationId,
    name: profile.name,
    input: profile.input,
    output: profile.output,
    version,
  };
}
