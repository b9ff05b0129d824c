import type { Direction, Finding } from '../core/finding';
import { detectExfil } from '../exfil/exfil-detector';
import { detectInjection } from '../injection/injection-detector';
import { prepareText, type PreparedText } from '../normalize/prepared-text';
import type { TextView } from '../normalize/text-view';
import { detectPii, type PiiType } from '../pii/pii-detector';
import { detectSecrets } from '../secrets/secrets-detector';
import {
  detectorsFor,
  type DetectorConfig,
  type DetectorType,
  type GuardrailAction,
  type GuardrailProfile,
} from './profile';
import { PlaceholderRegistry, redact } from './redact';

export type ScanAction = 'allow' | GuardrailAction;

export interface ScanFinding extends Finding {
  readonly detector: DetectorType;
  readonly action: GuardrailAction;
}

/** Matches `POST /v1/scan`'s response (findings carry their signals and detector in addition). */
export interface ScanResult {
  readonly action: ScanAction;
  readonly findings: readonly ScanFinding[];
  readonly redacted?: string;
}

/** The score a finding needs when a profile sets no threshold. */
export const DEFAULT_THRESHOLD: Record<Exclude<DetectorType, 'injection'>, number> = {
  pii: 0.5,
  secrets: 0.5,
  exfil: 0.5,
};
const SEVERITY: Record<ScanAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

/** Runs a span detector on the primary view and on decoded payloads, mapping spans to the original. */
function onViews(prepared: PreparedText, run: (text: string) => Finding[]): Finding[] {
  const out: Finding[] = [];
  const views: TextView[] = [prepared.primary, ...prepared.decoded];
  for (const view of views) {
    for (const f of run(view.text)) {
      const span = view.toOriginal(f.start, f.end);
      const signals = view.origin === 'primary' ? f.signals : [...f.signals, `encoded:${view.origin}`];
      out.push({ ...f, start: span.start, end: span.end, signals });
    }
  }
  return out;
}

export function runDetector(config: DetectorConfig, prepared: PreparedText): Finding[] {
  const opts = config.options ?? {};
  switch (config.type) {
    case 'injection':
      return detectInjection(prepared, { threshold: config.threshold, windows: opts.windows !== false });
    case 'pii': {
      const types = stringList(opts.types) as PiiType[] | undefined;
      return onViews(prepared, (t) => detectPii(t, { types }));
    }
    case 'secrets':
      return onViews(prepared, detectSecrets);
    case 'exfil': {
      const allowedHosts = stringList(opts.allowedHosts);
      return onViews(prepared, (t) => detectExfil(t, { allowedHosts }));
    }
  }
}

/** Scans content with the profile's detectors for the direction and applies their actions. */
export function scan(
  direction: Direction,
  content: string,
  profile: GuardrailProfile,
  registry = new PlaceholderRegistry(),
): ScanResult {
  const prepared = prepareText(content);
  const findings: ScanFinding[] = [];
  for (const config of detectorsFor(profile, direction)) {
    const threshold = config.type === 'injection' ? 0 : (config.threshold ?? DEFAULT_THRESHOLD[config.type]);
    for (const f of runDetector(config, prepared)) {
      if (f.score < threshold) continue;
      findings.push({ ...f, detector: config.type, action: config.action });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  let action: ScanAction = 'allow';
  for (const f of findings) if (SEVERITY[f.action] > SEVERITY[action]) action = f.action;
  const toRedact = findings.filter((f) => f.action === 'redact');
  const redacted = action === 'redact' ? redact(content, toRedact, registry) : undefined;
  return redacted === undefined ? { action, findings } : { action, findings, redacted };
}
