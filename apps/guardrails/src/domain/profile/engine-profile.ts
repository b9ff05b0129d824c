import type { GuardrailDetectorV1 } from '@warden/contracts';
import type { DetectorConfig, GuardrailProfile } from '@warden/detectors';
import type { ExistingProfile } from './profile.state';

function detectorConfig(d: GuardrailDetectorV1): DetectorConfig {
  const { options, ...rest } = d;
  return options === undefined ? rest : { ...rest, options: { ...options } };
}

/** A stored profile as the detector engine takes it. */
export function engineProfile(profile: ExistingProfile): GuardrailProfile {
  return {
    name: profile.name,
    input: profile.input.map(detectorConfig),
    output: profile.output.map(detectorConfig),
  };
}
