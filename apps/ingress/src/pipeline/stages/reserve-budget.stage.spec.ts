import { CALLER, UnmeteredFake } from '../../../test-support/in-memory-ports';
import { contextFor } from '../../../test-support/stage-context';
import type { BudgetReserver } from '../ports/budget-reserver.port';
import { reserveBudgetStage } from './reserve-budget.stage';

const allowed = {
  caller: CALLER,
  decision: {
    decision: 'allow' as const,
    reasons: [],
    obligations: {},
    policyVersion: 'v',
    connectionId: 'con_1',
  },
};

describe('reserve_budget stage', () => {
  it('Given no metering, When run, Then it passes and says the budget was not enforced', async () => {
    const context = contextFor({}, allowed);
    expect(await reserveBudgetStage(new UnmeteredFake()).run(context)).toBeUndefined();
    expect(context.budget).toEqual({ enforced: false, reason: 'metering_not_deployed' });
  });

  it('Given a reservation refused, When run, Then budget_exceeded', async () => {
    const exhausted: BudgetReserver = {
      reserve: async () => ({ ok: false, message: 'cap reached' }),
      settle: async () => undefined,
    };
    expect(await reserveBudgetStage(exhausted).run(contextFor({}, allowed))).toMatchObject({
      code: 'budget_exceeded',
    });
  });
});
