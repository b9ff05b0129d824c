import type { ArgumentConstraint, Operation } from '../domain/policy-model';

export interface ConstraintViolation {
  readonly argument: string;
  readonly message: string;
}

const PARENT_SEGMENT = /(^|[/\\])\.\.([/\\]|$)/;

function violation(value: unknown, constraint: ArgumentConstraint): string | undefined {
  if (value === undefined) return 'is required by the connection but absent';
  if (constraint.prefix !== undefined) {
    if (typeof value !== 'string') return `must be a string starting with "${constraint.prefix}"`;
    if (!value.startsWith(constraint.prefix)) return `"${value}" does not start with "${constraint.prefix}"`;
    if (PARENT_SEGMENT.test(value)) return `"${value}" holds a ".." segment`;
  }
  if (constraint.enum !== undefined) {
    const allowed = constraint.enum;
    if (
      !(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') ||
      !allowed.includes(value)
    ) {
      return `must be one of ${JSON.stringify(allowed)}`;
    }
  }
  if (constraint.max !== undefined) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number ≤ ${constraint.max}`;
    if (value > constraint.max) return `${value} exceeds the maximum ${constraint.max}`;
  }
  return undefined;
}

/**
 * Checks an operation's argument constraints (JSON semantics: numbers are doubles, strings compared
 * exactly). Every constrained argument must be present. Returns the first violation, or undefined.
 */
export function checkArguments(
  operation: Operation,
  args: Readonly<Record<string, unknown>> | undefined,
): ConstraintViolation | undefined {
  const constraints = operation.constraints;
  if (constraints === undefined) return undefined;
  for (const [argument, constraint] of Object.entries(constraints)) {
    const value =
      args !== undefined && Object.prototype.hasOwnProperty.call(args, argument) ? args[argument] : undefined;
    const message = violation(value, constraint);
    if (message !== undefined) return { argument, message: `argument "${argument}" ${message}` };
  }
  return undefined;
}
