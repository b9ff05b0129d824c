import { ConnectionRejectedError } from '../errors';
import { isValidGlob } from './glob';
import { OPERATION_ACTIONS, type ConnectionSpec, type OperationAction } from './policy-model';

const HTTP_TARGET = /^(\*|[A-Z]+) \S.*$/;

function checkTarget(action: OperationAction, target: string, where: string, problems: string[]): void {
  if (!isValidGlob(target))
    problems.push(`${where}.target must be 1..1024 characters without control characters`);
  else if (action === 'http.request' && target !== '*' && !HTTP_TARGET.test(target)) {
    problems.push(`${where}.target must be "<METHOD> <path glob>", e.g. "GET /v1/items/*"`);
  }
}

/** Checks a connection spec can be compiled exactly; throws ConnectionRejectedError listing every problem. */
export function validateConnectionSpec(spec: ConnectionSpec): void {
  const problems: string[] = [];
  if (spec.operations.length === 0) problems.push('operations must not be empty');
  spec.operations.forEach((operation, i) => {
    const where = `operations[${i}]`;
    if (!(OPERATION_ACTIONS as readonly string[]).includes(operation.action)) {
      problems.push(`${where}.action must be one of ${OPERATION_ACTIONS.join(', ')}`);
      return;
    }
    checkTarget(operation.action, operation.target, where, problems);
    for (const [argument, constraint] of Object.entries(operation.constraints ?? {})) {
      const at = `${where}.constraints.${argument}`;
      if (constraint.prefix === undefined && constraint.enum === undefined && constraint.max === undefined) {
        problems.push(`${at} must set prefix, enum or max`);
      }
      if (
        constraint.prefix !== undefined &&
        (typeof constraint.prefix !== 'string' || constraint.prefix.length === 0)
      ) {
        problems.push(`${at}.prefix must be a non-empty string`);
      }
      if (
        constraint.enum !== undefined &&
        (!Array.isArray(constraint.enum) || constraint.enum.length === 0)
      ) {
        problems.push(`${at}.enum must be a non-empty list`);
      }
      if (
        constraint.max !== undefined &&
        (typeof constraint.max !== 'number' || !Number.isFinite(constraint.max))
      ) {
        problems.push(`${at}.max must be a finite number`);
      }
    }
  });
  if (
    spec.minTrust !== undefined &&
    !(Number.isInteger(spec.minTrust) && spec.minTrust >= 0 && spec.minTrust <= 100)
  ) {
    problems.push('minTrust must be an integer from 0 to 100');
  }
  if (spec.expiresAt !== undefined && Number.isNaN(Date.parse(spec.expiresAt))) {
    problems.push('expiresAt must be an RFC 3339 timestamp');
  }
  if (spec.failMode !== 'closed' && spec.failMode !== 'open')
    problems.push('failMode must be closed or open');
  spec.approval?.operations.forEach((operation, i) => {
    checkTarget(operation.action, operation.target, `approval.operations[${i}]`, problems);
  });
  if (spec.approval !== undefined && spec.approval.approverIds.length === 0) {
    problems.push('approval.approverIds must not be empty');
  }
  if (problems.length > 0) throw new ConnectionRejectedError(problems);
}
