import type { GuardrailDetectorV1 } from '@warden/contracts';
import type { DetectorDto } from './detector.dto';

/** DTO instances → plain event data, with no undefined members (events are compared and stored as JSON). */
export function detectorsFromBody(detectors: readonly DetectorDto[]): GuardrailDetectorV1[] {
  return detectors.map((d) => {
    const options = d.options
      ? {
          ...(d.options.types !== undefined ? { types: [...d.options.types] } : {}),
          ...(d.options.allowedHosts !== undefined ? { allowedHosts: [...d.options.allowedHosts] } : {}),
          ...(d.options.windows !== undefined ? { windows: d.options.windows } : {}),
        }
      : undefined;
    return {
      type: d.type,
      ...(d.threshold !== undefined ? { threshold: d.threshold } : {}),
      action: d.action,
      ...(options !== undefined && Object.keys(options).length > 0 ? { options } : {}),
    };
  });
}
