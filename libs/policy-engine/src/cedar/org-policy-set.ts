import { PolicySetRejectedError } from '../errors';
import type { DetailedError, PolicyJson } from './cedar-runtime';
import { policySetTextToParts, policyToJson, validate } from './cedar-runtime';
import { WARDEN_CEDAR_SCHEMA } from './warden-schema';

export interface ParsedOrgPolicy {
  /** `@id("…")` when the author gave one, else Cedar's positional `policy<N>` (N = order in the text). */
  readonly localId: string;
  readonly text: string;
  readonly json: PolicyJson;
}

export function orgPolicyId(orgId: string, version: number, localId: string): string {
  return `${orgId}/policies@v${version}#${localId}`;
}

function describe(error: DetailedError): string {
  return error.help ? `${error.message} (${error.help})` : error.message;
}

/**
 * Parses and validates an organization policy set against Warden's schema (strict mode). Rejected,
 * with Cedar's own messages, when it does not parse or validate; also rejected when it holds a
 * `permit` or a template: connections grant, organization policies only restrict (ADR 0006).
 */
export function validateOrgPolicySet(text: string): readonly ParsedOrgPolicy[] {
  const parts = policySetTextToParts(text);
  if (parts.type === 'failure') throw new PolicySetRejectedError(parts.errors.map(describe));
  if (parts.policy_templates.length > 0) {
    throw new PolicySetRejectedError(['templates are not accepted in an organization policy set']);
  }
  // Cedar names the policies `policy<N>` in text order and returns them sorted by that id.
  const positional = parts.policies.map((_, n) => `policy${n}`).sort();
  const parsed = parts.policies.map((policyText, k): ParsedOrgPolicy => {
    const json = policyToJson(policyText);
    if (json.type === 'failure') throw new PolicySetRejectedError(json.errors.map(describe));
    const annotated = json.json.annotations?.['id'];
    return { localId: annotated ?? positional[k] ?? `policy${k}`, text: policyText, json: json.json };
  });
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const policy of parsed) {
    if (policy.json.effect === 'permit') {
      problems.push(`policy \`${policy.localId}\` is a permit: organization policy sets may only forbid`);
    }
    if (seen.has(policy.localId)) problems.push(`policy id \`${policy.localId}\` is used twice`);
    seen.add(policy.localId);
  }
  if (problems.length > 0) throw new PolicySetRejectedError(problems);

  const answer = validate({
    schema: WARDEN_CEDAR_SCHEMA,
    validationSettings: { mode: 'strict' },
    policies: { staticPolicies: Object.fromEntries(parsed.map((p) => [p.localId, p.text])) },
  });
  if (answer.type === 'failure') throw new PolicySetRejectedError(answer.errors.map(describe));
  if (answer.validationErrors.length > 0) {
    throw new PolicySetRejectedError(answer.validationErrors.map((e) => describe(e.error)));
  }
  return parsed;
}

/** Validates Cedar text produced by Warden itself (compiled connections) against the schema. */
export function validateAgainstSchema(policies: Readonly<Record<string, string>>): readonly string[] {
  const answer = validate({
    schema: WARDEN_CEDAR_SCHEMA,
    validationSettings: { mode: 'strict' },
    policies: { staticPolicies: { ...policies } },
  });
  if (answer.type === 'failure') return answer.errors.map(describe);
  return answer.validationErrors.map((e) => `${e.policyId}: ${describe(e.error)}`);
}
