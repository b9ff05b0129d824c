import { deny } from '../denial';
import type { Authorizer } from '../ports/authorizer.port';
import type { DecisionStage } from './decision-stage';

export function authorizeStage(authorizer: Authorizer): DecisionStage {
  return {
    name: 'authorize',
    run(context) {
      const { request, caller, resource } = context;
      if (caller === undefined || resource === undefined) return deny('forbidden', 'no resource resolved');
      const decision = authorizer.authorize({
        caller,
        resourceId: resource.id,
        action: request.action,
        target: request.target,
        ...(request.arguments !== undefined && { arguments: request.arguments }),
        time: request.receivedAt.getTime(),
        ...(request.action.startsWith('model.') && { model: request.target }),
        ...(request.action === 'mcp.tool' && { tool: request.target }),
      });
      context.decision = decision;
      const first = decision.reasons[0];
      if (decision.decision === 'allow') return undefined;
      if (decision.decision === 'approval_required') {
        return deny('approval_required', first?.message ?? 'an approval is required', {
          detailCode: 'approval_required',
        });
      }
      const code = first?.code === 'stale_state' ? 'stale_state' : 'forbidden';
      return deny(code, first?.message ?? 'forbidden', { detailCode: first?.code ?? 'forbidden' });
    },
  };
}
