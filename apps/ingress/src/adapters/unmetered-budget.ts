import type { BudgetReserver, BudgetReservation } from '../pipeline/ports/budget-reserver.port';

/** Metering is not deployed: the budget stage passes and every record says it was not enforced. */
export class UnmeteredBudget implements BudgetReserver {
  reserve(): Promise<BudgetReservation> {
    return Promise.resolve({ ok: true, outcome: { enforced: false, reason: 'metering_not_deployed' } });
  }

  async settle(): Promise<void> {}
}
