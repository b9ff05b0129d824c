import { isDeepStrictEqual } from 'node:util';
import type { GuardrailDetectorV1, GuardrailDetectorTypeV1 } from '@warden/contracts';
import { GuardrailsRejection } from '../guardrails-rejection';
import type { ProfileCommand } from './profile.commands';
import type { ProfileEvent, ProfileState } from './profile.state';

/** Which detector each option belongs to: an option on another detector would be silently ignored. */
const OPTION_OWNER: Readonly<Record<string, GuardrailDetectorTypeV1>> = {
  types: 'pii',
  allowedHosts: 'exfil',
  windows: 'injection',
};

function checkDetectors(direction: 'input' | 'output', detectors: readonly GuardrailDetectorV1[]): void {
  const seen = new Set<GuardrailDetectorTypeV1>();
  detectors.forEach((detector, index) => {
    if (seen.has(detector.type)) {
      throw new GuardrailsRejection(
        'invalid',
        'duplicate_detector',
        `The ${direction} detectors name "${detector.type}" twice.`,
        `${direction}[${index}].type`,
      );
    }
    seen.add(detector.type);
    for (const option of Object.keys(detector.options ?? {})) {
      if (OPTION_OWNER[option] !== detector.type) {
        throw new GuardrailsRejection(
          'invalid',
          'detector_option_not_supported',
          `The option "${option}" does not apply to the ${detector.type} detector.`,
          `${direction}[${index}].options.${option}`,
        );
      }
    }
  });
}

export function notFound(): GuardrailsRejection {
  return new GuardrailsRejection('not_found', 'guardrail_profile_not_found', 'Guardrail profile not found.');
}

/** Pure: the events a command produces on a profile's state, or a rejection. */
export function decideProfile(command: ProfileCommand, state: ProfileState): ProfileEvent[] {
  switch (command.type) {
    case 'CreateProfile': {
      if (state.exists) {
        throw new GuardrailsRejection(
          'conflict',
          'guardrail_profile_exists',
          'A guardrail profile with this id already exists.',
        );
      }
      checkDetectors('input', command.data.input);
      checkDetectors('output', command.data.output);
      return [{ type: 'warden.guardrails.profile.created.v1', data: { ...command.data } }];
    }
    case 'UpdateProfile': {
      if (!state.exists || state.organizationId !== command.data.organizationId) throw notFound();
      const { name, input, output } = command.data;
      if (input !== undefined) checkDetectors('input', input);
      if (output !== undefined) checkDetectors('output', output);
      const changed: ('name' | 'input' | 'output')[] = [];
      if (name !== undefined && name !== state.name) changed.push('name');
      if (input !== undefined && !isDeepStrictEqual(input, state.input)) changed.push('input');
      if (output !== undefined && !isDeepStrictEqual(output, state.output)) changed.push('output');
      if (changed.length === 0) return [];
      return [
        {
          type: 'warden.guardrails.profile.updated.v1',
          data: {
            profileId: state.profileId,
            organizationId: state.organizationId,
            name: name ?? state.name,
            input: input ?? state.input,
            output: output ?? state.output,
            changed,
          },
        },
      ];
    }
  }
}
