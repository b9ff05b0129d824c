import { globToRegExp } from '../domain/glob';
import type { Connection, OperationAction } from '../domain/policy-model';
import type { DecisionInput, Obligations } from './decision-types';

/** A connection version's checks as decisions run them, computed once per (immutable) connection object. */
export interface ConnectionRules {
  readonly expiresAtMs: number | undefined;
  readonly targets: readonly RegExp[];
  readonly approvals: readonly { readonly action: OperationAction; readonly target: RegExp }[];
  readonly obligations: Obligations;
}

export function connectionRules(connection: Connection): ConnectionRules {
  return {
    expiresAtMs: connection.expiresAt === undefined ? undefined : Date.parse(connection.expiresAt),
    targets: connection.operations.map((o) => globToRegExp(o.target)),
    approvals: (connection.approval?.operations ?? []).map((o) => ({
      action: o.action,
      target: globToRegExp(o.target),
    })),
    obligations: {
      ...(connection.guardrailProfileId !== undefined && {
        guardrailProfileId: connection.guardrailProfileId,
      }),
      ...(connection.budget !== undefined && { budget: connection.budget }),
      ...(connection.rateLimit !== undefined && { rateLimit: connection.rateLimit }),
    },
  };
}

/** The operations of the connection whose action and target glob match the request; undefined when none. */
export function matchingOperations(
  connection: Connection,
  rules: ConnectionRules,
  input: DecisionInput,
): number[] | undefined {
  let matching: number[] | undefined;
  const operations = connection.operations;
  for (let index = 0; index < operations.length; index++) {
    if (operations[index].action === input.action && rules.targets[index].test(input.target))
      (matching ??= []).push(index);
  }
  return matching;
}

/** Whether the request needs a human approval under the connection (one that was granted does not). */
export function approvalNeeded(rules: ConnectionRules, input: DecisionInput): boolean {
  return (
    input.approvalGranted !== true &&
    rules.approvals.some((rule) => rule.action === input.action && rule.target.test(input.target))
  );
}
