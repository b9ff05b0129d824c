import { deny } from '../denial';
import type { Authenticator } from '../ports/authenticator.port';
import type { DecisionStage } from './decision-stage';

export function authenticateStage(authenticator: Authenticator): DecisionStage {
  return {
    name: 'authenticate',
    run(context) {
      const result = authenticator.authenticate(context.request.apiKey, context.request.receivedAt);
      if (!result.ok) {
        if (result.stale)
          return deny('stale_state', `identity state is stale: ${result.reason}; failing closed`);
        return deny('unauthenticated', 'A valid API key is required (Authorization: Bearer wk_…).', {
          detailCode: result.reason,
        });
      }
      context.caller = result.caller;
      return undefined;
    },
  };
}
