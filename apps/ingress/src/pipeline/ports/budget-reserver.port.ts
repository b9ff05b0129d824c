import type { Budget } from '@warden/policy-engine';
import type { BudgetOutcome, Caller } from '../ingress-request';

export type BudgetReservation =
  { readonly ok: true; readonly outcome: BudgetOutcome } | { readonly ok: false; readonly message: string };

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Metering's atomic reservation against a hard cap, then settlement of the actual usage. */
export interface BudgetReserver {
  reserve(input: {
    readonly caller: Caller;
    readonly connectionId: string;
    readonly budget?: Budget;
    readonly estimatedTokens: number;
    readonly decisionId: string;
  }): Promise<BudgetReservation>;
  settle(input: {
    readonly outcome: BudgetOutcome;
    readonly usage: TokenUsage;
    readonly decisionId: string;
  }): Promise<void>;
}

export const BUDGET_RESERVER = Symbol('BUDGET_RESERVER');
