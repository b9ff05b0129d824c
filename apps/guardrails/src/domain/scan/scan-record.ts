import { createHash } from 'node:crypto';
import type { GuardrailScanCompletedV1 } from '@warden/contracts';
import type { ScanResult } from '@warden/detectors';

export interface ScanFacts {
  readonly scanId: string;
  readonly organizationId: string;
  readonly principalId: string;
  readonly profileId: string;
  readonly profileVersion: number;
  readonly direction: 'input' | 'output';
  readonly content: string;
  readonly result: ScanResult;
}

/**
 * Pure: what is recorded about a scan. The content is reduced to its length and SHA-256; findings keep their
 * type, span and score only — neither the matched text nor the signals (which can quote it) leave the process.
 */
export function scanCompleted(facts: ScanFacts): GuardrailScanCompletedV1 {
  return {
    scanId: facts.scanId,
    organizationId: facts.organizationId,
    principalId: facts.principalId,
    profileId: facts.profileId,
    profileVersion: facts.profileVersion,
    direction: facts.direction,
    action: facts.result.action,
    contentLength: facts.content.length,
    contentBytes: Buffer.byteLength(facts.content, 'utf8'),
    contentSha256: createHash('sha256').update(facts.content, 'utf8').digest('hex'),
    findings: facts.result.findings.map((f) => ({
      type: f.type,
      detector: f.detector,
      action: f.action,
      start: f.start,
      end: f.end,
      score: Math.min(1, Math.max(0, f.score)),
    })),
  };
}
