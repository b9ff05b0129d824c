import { deny } from '../denial';
import type { BudgetReserver } from '../ports/budget-reserver.port';
import type { DecisionStage } from './decision-stage';

export function reserveBudgetStage(reserver: BudgetReserver): DecisionStage {
  return {
    name: 'reserve_budget',
    async run(context) {
      const { caller, decision } = context;
      if (caller === undefined || decision?.connectionId === undefined)
        return deny('forbidden', 'not authorized');
      const reservation = await reserver.reserve({
        caller,
        connectionId: decision.connectionId,
        ...(decision.obligations.budget !== undefined && { budget: decision.obligations.budget }),
        estimatedTokens: context.request.estimatedInputTokens ?? 0,
        decisionId: context.decisionId,
      });
      if (!reservation.ok) return deny('budget_exceeded', reservation.message);
      context.budget = reservation.outcome;
      return undefined;
    },
  };
}
