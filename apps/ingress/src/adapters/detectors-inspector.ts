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

/**
 * The guardrail engine in process. Guardrail profiles are not projected into the ingress yet: every
 * connection gets the default profile, and the record names it (`profile: "default"`).
 */
export class DetectorsInspector implements ContentInspector {
  constructor(
    private readonly profiles: (profileId: string | undefined) => GuardrailProfile = () => DEFAULT_PROFILE,
  ) {}

  inspect(direction: InspectionDirection, content: string, profileId?: string): Inspection {
    const profile = this.profiles(profileId);
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

  stream(profileId?: string): StreamInspector {
    const profile = this.profiles(profileId);
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
