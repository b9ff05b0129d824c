import { deny } from '../denial';
import { type ContentInspector, guardrailOutcome, profileRefOf } from '../ports/content-inspector.port';
import type { DecisionStage } from './decision-stage';

export function inspectInputStage(inspector: ContentInspector): DecisionStage {
  return {
    name: 'inspect_input',
    run(context) {
      const text = context.request.inputText;
      if (text === undefined || text.length === 0) return undefined;
      const inspection = inspector.inspect('input', text, profileRefOf(context));
      context.inputGuardrail = guardrailOutcome(inspection);
      if (inspection.action === 'block') {
        return deny(
          'guardrail_blocked',
          `the input was blocked by the guardrails (${inspection.findingTypes.join(', ')})`,
        );
      }
      if (inspection.redacted !== undefined) context.redactedInput = inspection.redacted;
      return undefined;
    },
  };
}
