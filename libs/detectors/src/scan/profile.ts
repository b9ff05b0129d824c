import type { Direction } from '../core/finding';

export type DetectorType = 'injection' | 'pii' | 'secrets' | 'exfil';
export type GuardrailAction = 'block' | 'redact' | 'flag';

/** The options the engine understands (the scan API refuses any other key). */
export interface DetectorOptions {
  /** pii: only these types (e.g. EMAIL, PHONE). */
  readonly types?: readonly string[];
  /** exfil: hosts that links and images may point to. */
  readonly allowedHosts?: readonly string[];
  /** injection: also score sliding windows of long texts (default true). */
  readonly windows?: boolean;
}

/** One detector of a profile, as in API.md: `{ type, threshold?, action, options? }`. */
export interface DetectorConfig {
  readonly type: DetectorType;
  readonly threshold?: number;
  readonly action: GuardrailAction;
  readonly options?: DetectorOptions;
}

export interface GuardrailProfile {
  readonly name: string;
  readonly input: readonly DetectorConfig[];
  readonly output: readonly DetectorConfig[];
}

/** Everything on: injection blocks input; PII is redacted, secrets and exfiltration block output. */
export const DEFAULT_PROFILE: GuardrailProfile = {
  name: 'default',
  input: [
    { type: 'injection', action: 'block' },
    { type: 'secrets', action: 'redact' },
    { type: 'pii', action: 'flag' },
  ],
  output: [
    { type: 'secrets', action: 'block' },
    { type: 'exfil', action: 'block' },
    { type: 'pii', action: 'redact' },
  ],
};

export function detectorsFor(profile: GuardrailProfile, direction: Direction): readonly DetectorConfig[] {
  return direction === 'input' ? profile.input : profile.output;
}
