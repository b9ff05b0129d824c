import { orgPolicyId, validateOrgPolicySet } from '../cedar/org-policy-set';
import { equalityGuard } from '../cedar/context-reads';
import { entityGuard } from '../cedar/entity-guard';
import { PolicyEngineError } from '../errors';
import type { PolicyState } from '../projection/policy-state';
import type { CompiledOrgPolicy } from './candidate-set';

/** One version of an organization's policy set, validated and annotated for candidate selection. */
export interface CompiledOrg {
  readonly version: number;
  /** `<orgId>/policies@v<n>` */
  readonly label: string;
  readonly policies: readonly CompiledOrgPolicy[];
  /** Why the published set does not compile; every decision of the org then fails closed. */
  readonly errors?: readonly string[];
}

/** The organization's published policy set, compiled once per version (`held` is returned while current). */
export function compileOrg(orgId: string, state: PolicyState, held: CompiledOrg | undefined): CompiledOrg {
  const published = state.orgPolicySets.get(orgId);
  const version = published?.version ?? 0;
  if (held !== undefined && held.version === version) return held;
  const label = `${orgId}/policies@v${version}`;
  if (published === undefined) return { version, label, policies: [] };
  try {
    return {
      version,
      label,
      policies: validateOrgPolicySet(published.policies).map((p) => ({
        id: orgPolicyId(orgId, version, p.localId),
        text: p.text,
        json: p.json,
        guard: equalityGuard(p.json),
        entityGuard: entityGuard(p.json),
      })),
    };
  } catch (error: unknown) {
    const details = error instanceof PolicyEngineError ? error.details : [String(error)];
    return { version, label, policies: [], errors: details };
  }
}
