import type { GuardrailOutcome, PipelineContext } from '../ingress-request';

/** A connection's guardrail profile, named within the caller's organization (another org's id never applies). */
export interface ProfileRef {
  readonly orgId: string;
  readonly id: string;
}

/** The profile the deciding connection names for this request, if any. */
export function profileRefOf(context: PipelineContext): ProfileRef | undefined {
  const id = context.decision?.obligations.guardrailProfileId;
  const orgId = context.caller?.organizationId;
  return id === undefined || orgId === undefined ? undefined : { orgId, id };
}

export interface Inspection extends GuardrailOutcome {
  /** The content with redactions applied, when the profile redacts. */
  readonly redacted?: string;
}

export interface StreamInspectionStep {
  /** Text that may go to the client now. */
  readonly release: string;
  readonly blocked: boolean;
}

/** Output inspection of a stream: holds back what could be the start of an unfinished finding. */
export interface StreamInspector {
  push(chunk: string): StreamInspectionStep;
  end(): StreamInspectionStep;
  outcome(): GuardrailOutcome;
}

/**
 * `input`: what the caller sends upstream; `output`: what the upstream answers; `retrieved`: content a tool,
 * MCP resource or prompt hands the agent for its model's context — checked for leakage like output and for
 * instructions addressed to the model (indirect prompt injection) like input.
 */
export type InspectionDirection = 'input' | 'output' | 'retrieved';

export interface ContentInspector {
  inspect(direction: InspectionDirection, content: string, profile?: ProfileRef): Inspection;
  stream(profile?: ProfileRef): StreamInspector;
}

export const CONTENT_INSPECTOR = Symbol('CONTENT_INSPECTOR');

/** What the record keeps of an inspection: the action, the finding types and the profile, never content. */
export function guardrailOutcome(inspection: Inspection): GuardrailOutcome {
  return { action: inspection.action, findingTypes: inspection.findingTypes, profile: inspection.profile };
}
