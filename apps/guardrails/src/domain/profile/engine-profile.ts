import type { GuardrailProfile } from '@warden/detectors';
import type { ExistingProfile } from './profile.state';

/** A stored profile as the detector engine takes it (the contract's detectors are the engine's). */
export function engineProfile(profile: ExistingProfile): GuardrailProfile {
  return { name: profile.name, input: profile.input, output: profile.output };
}
