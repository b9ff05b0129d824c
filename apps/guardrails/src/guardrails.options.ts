/** Limits of the scan API. 256 KiB is well under the HTTP body limit (1 MiB), so oversized content reaches our check. */
export interface GuardrailsOptions {
  /** Content larger than this many UTF-8 bytes is refused with 413 `scan_content_too_large`. */
  readonly maxContentBytes: number;
}

export const GUARDRAILS_OPTIONS = Symbol('GUARDRAILS_OPTIONS');

export const DEFAULT_GUARDRAILS_OPTIONS: GuardrailsOptions = { maxContentBytes: 256 * 1024 };
