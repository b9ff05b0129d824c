/**
 * Guardrails context: `warden.guardrails.*` on topic `warden.guardrails.v1` (key = aggregate id).
 * Who and when travel in the CloudEvent envelope (`principalid`, `time`), not in `data`.
 * Scanned content never appears here: a scan is recorded by its length, its SHA-256 and the findings' spans.
 */
export type GuardrailDetectorTypeV1 = 'injection' | 'pii' | 'secrets' | 'exfil';
export const GUARDRAIL_DETECTOR_TYPES: readonly GuardrailDetectorTypeV1[] = [
  'injection',
  'pii',
  'secrets',
  'exfil',
];

export type GuardrailActionV1 = 'block' | 'redact' | 'flag';
export const GUARDRAIL_ACTIONS: readonly GuardrailActionV1[] = ['block', 'redact', 'flag'];

/** The options the detector engine understands; every other key is refused at the API. */
export interface GuardrailDetectorOptionsV1 {
  /** pii: only these PII types (e.g. EMAIL, PHONE). */
  readonly types?: readonly string[];
  /** exfil: hosts that links and images may point to. */
  readonly allowedHosts?: readonly string[];
  /** injection: also score sliding windows of long texts (default true). */
  readonly windows?: boolean;
}

export interface GuardrailDetectorV1 {
  readonly type: GuardrailDetectorTypeV1;
  readonly threshold?: number;
  readonly action: GuardrailActionV1;
  readonly options?: GuardrailDetectorOptionsV1;
}

export interface GuardrailProfileCreatedV1 {
  readonly profileId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly input: readonly GuardrailDetectorV1[];
  readonly output: readonly GuardrailDetectorV1[];
}

/** The profile as it stands after the update (the fields the update did not name keep their values). */
export interface GuardrailProfileUpdatedV1 {
  readonly profileId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly input: readonly GuardrailDetectorV1[];
  readonly output: readonly GuardrailDetectorV1[];
  /** Which of name, input, output the update changed. */
  readonly changed: readonly ('name' | 'input' | 'output')[];
}

export type GuardrailScanActionV1 = 'allow' | GuardrailActionV1;

/** Where a finding is and how sure the detector was — never the matched text. */
export interface GuardrailScanFindingV1 {
  readonly type: string;
  readonly detector: GuardrailDetectorTypeV1;
  readonly action: GuardrailActionV1;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

export interface GuardrailScanCompletedV1 {
  readonly scanId: string;
  readonly organizationId: string;
  readonly principalId: string;
  /** `default` when the built-in default profile was used. */
  readonly profileId: string;
  /** The profile version that was applied (0 for the default profile). */
  readonly profileVersion: number;
  readonly direction: 'input' | 'output';
  readonly action: GuardrailScanActionV1;
  /** UTF-16 code units, the unit of the findings' spans. */
  readonly contentLength: number;
  readonly contentBytes: number;
  /** Lower-case hex SHA-256 of the UTF-8 content. */
  readonly contentSha256: string;
  readonly findings: readonly GuardrailScanFindingV1[];
}

export interface GuardrailsEventData {
  'warden.guardrails.profile.created.v1': GuardrailProfileCreatedV1;
  'warden.guardrails.profile.updated.v1': GuardrailProfileUpdatedV1;
  'warden.guardrails.scan.completed.v1': GuardrailScanCompletedV1;
}
