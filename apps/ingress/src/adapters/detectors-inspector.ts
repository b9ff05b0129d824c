import {
  DEFAULT_PROFILE,
  StreamOutputScanner,
  scan,
  type GuardrailProfile,
  type ScanFinding,
} from '@warden/detectors';
import type { GuardrailOutcome } from '../pipeline/ingress-request';
import type {
  ContentInspector,
  Inspection,
  InspectionDirection,
  ProfileRef,
  StreamInspector,
} from '../pipeline/ports/content-inspector.port';

const retrievedProfiles = new WeakMap<GuardrailProfile, GuardrailProfile>();

/** Retrieved content: the profile's output detectors plus its input injection detectors. */
function retrievedProfile(profile: GuardrailProfile): GuardrailProfile {
  let combined = retrievedProfiles.get(profile);
  if (combined === undefined) {
    combined = {
      ...profile,
      output: [...profile.output, ...profile.input.filter((d) => d.type === 'injection')],
    };
    retrievedProfiles.set(profile, combined);
  }
  return combined;
}

function findingTypes(findings: readonly ScanFinding[]): string[] {
  return [...new Set(findings.map((f) => f.type))].sort();
}

/** A connection names a profile this process does not know (yet): nothing passes until it does. */
export const PROFILE_UNAVAILABLE = 'GUARDRAIL_PROFILE_UNAVAILABLE';

const unavailable = (ref: ProfileRef | undefined): Inspection => ({
  action: 'block',
  findingTypes: [PROFILE_UNAVAILABLE],
  profile: ref?.id ?? 'unknown',
});

/**
 * The guardrail engine in process. A connection without a profile gets the default one; a connection
 * naming a profile gets that profile's detectors, and content fails closed while the profile is unknown.
 */
export class DetectorsInspector implements ContentInspector {
  constructor(
    private readonly profiles: (ref: ProfileRef | undefined) => GuardrailProfile | undefined = () =>
      DEFAULT_PROFILE,
  ) {}

  inspect(direction: InspectionDirection, content: string, ref?: ProfileRef): Inspection {
    const profile = this.profiles(ref);
    if (profile === undefined) return unavailable(ref);
    const result =
      direction === 'retrieved'
        ? scan('output', content, retrievedProfile(profile))
        : scan(direction, content, profile);
    return {
      action: result.action,
      findingTypes: findingTypes(result.findings),
      profile: profile.name,
      ...(result.redacted !== undefined && { redacted: result.redacted }),
    };
  }

  stream(ref?: ProfileRef): StreamInspector {
    const profile = this.profiles(ref);
    if (profile === undefined) {
      const blocked = unavailable(ref);
      const step = { release: '', blocked: true };
      return { push: () => step, end: () => step, outcome: () => blocked };
    }
    const scanner = new StreamOutputScanner(profile);
    const seen: ScanFinding[] = [];
    let blocked = false;
    let redacted = false;
    const step = (s: ReturnType<StreamOutputScanner['push']>): { release: string; blocked: boolean } => {
      seen.push(...s.findings);
      if (s.findings.some((f) => f.action === 'redact')) redacted = true;
      if (s.blocked !== undefined) blocked = true;
      return { release: s.release, blocked };
    };
    return {
      push: (chunk) => step(scanner.push(chunk)),
      end: () => step(scanner.end()),
      outcome: (): GuardrailOutcome => ({
        action: blocked ? 'block' : redacted ? 'redact' : seen.length > 0 ? 'flag' : 'allow',
        findingTypes: findingTypes(seen),
        profile: profile.name,
      }),
    };
  }
}
