import type { Direction } from '../core/finding';
import type { GuardrailProfile } from '../scan/profile';
import { scan, type ScanAction, type ScanFinding, type ScanResult } from '../scan/scan-engine';
import type { ClassifierStageConfig } from './injection-classifier.port';

const SEVERITY: Record<ScanAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

async function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The in-process scan, then (input direction, injection detector present) the external classifier
 * as an extra opinion. Off unless a stage config is given; the local result stands on its own.
 */
export async function scanWithClassifier(
  direction: Direction,
  content: string,
  profile: GuardrailProfile,
  stage?: ClassifierStageConfig,
): Promise<ScanResult> {
  const local = scan(direction, content, profile);
  const injection = (direction === 'input' ? profile.input : profile.output).find(
    (d) => d.type === 'injection',
  );
  if (stage === undefined || injection === undefined) return local;
  let extra: ScanFinding;
  try {
    const verdict = await withTimeout(
      (signal) => stage.classifier.classify(content, signal),
      stage.timeoutMs,
    );
    if (verdict.score < stage.threshold) return local;
    extra = {
      type: 'PROMPT_INJECTION',
      start: 0,
      end: content.length,
      score: verdict.score,
      signals: ['external_classifier'],
      detector: 'injection',
      action: injection.action,
    };
  } catch {
    if (stage.failMode === 'open') return local;
    extra = {
      type: 'CLASSIFIER_UNAVAILABLE',
      start: 0,
      end: content.length,
      score: 1,
      signals: ['classifier_fail_closed'],
      detector: 'injection',
      action: 'block',
    };
  }
  const findings = [...local.findings, extra];
  const action = SEVERITY[extra.action] > SEVERITY[local.action] ? extra.action : local.action;
  return action === 'redact' || local.redacted !== undefined
    ? { action, findings, redacted: local.redacted }
    : { action, findings };
}
