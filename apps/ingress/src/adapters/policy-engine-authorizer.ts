import type { Decision, DecisionEngine } from '@warden/policy-engine';
import type { AuthorizationInput, Authorizer } from '../pipeline/ports/authorizer.port';
import type { PolicyProjection } from './policy-projection';

/** The Cedar decision engine over the local policy projection: no network hop. */
export class PolicyEngineAuthorizer implements Authorizer {
  constructor(
    private readonly engine: DecisionEngine,
    private readonly projection: PolicyProjection,
  ) {}

  authorize(input: AuthorizationInput): Decision {
    return this.engine.decide(
      {
        principalId: input.caller.principalId,
        action: input.action,
        resourceId: input.resourceId,
        target: input.target,
        ...(input.arguments !== undefined && { arguments: input.arguments }),
        context: {
          time: input.time,
          ...(input.model !== undefined && { model: input.model }),
          ...(input.tool !== undefined && { tool: input.tool }),
        },
      },
      this.projection.state,
    );
  }
}
