import type { CedarValueJson, EntityJson, PolicyJson } from './cedar-runtime';

/** A forbid's first test on the request's own entity: `<entity>.<attr>.contains("lit")` or `<entity>.<attr> == "lit"`. */
export interface EntityGuard {
  readonly entity: 'principal' | 'resource';
  readonly attr: string;
  readonly test: 'contains' | 'equals';
  readonly literal: string;
}

function entityAttr(expr: unknown): { entity: 'principal' | 'resource'; attr: string } | undefined {
  if (expr === null || typeof expr !== 'object' || !('.' in expr)) return undefined;
  const access = (expr as { '.': { left?: unknown; attr?: unknown } })['.'];
  const left = access.left as { Var?: unknown } | undefined;
  if (left === undefined || left === null || typeof left !== 'object' || Object.keys(left).length !== 1)
    return undefined;
  const entity = left.Var;
  if ((entity !== 'principal' && entity !== 'resource') || typeof access.attr !== 'string') return undefined;
  return { entity, attr: access.attr };
}

function stringLiteral(expr: unknown): string | undefined {
  if (expr === null || typeof expr !== 'object' || !('Value' in expr)) return undefined;
  const value = expr.Value;
  return typeof value === 'string' ? value : undefined;
}

function leftmost(expr: unknown): unknown {
  let node = expr;
  while (node !== null && typeof node === 'object' && '&&' in node)
    node = (node as { '&&': { left: unknown } })['&&'].left;
  return node;
}

/**
 * The test Cedar evaluates first in a policy's conditions, when it reads only an attribute of the
 * request's principal or resource against a string literal. Cedar evaluates the clauses in order and
 * `&&` with short circuit, so when the test is false on the entity — an attribute that exists, hence
 * no error — the policy cannot be satisfied and cannot error: leaving it out changes no answer.
 */
export function entityGuard(policy: PolicyJson): EntityGuard | undefined {
  const first = policy.conditions[0];
  if (first === undefined || first.kind !== 'when') return undefined;
  const test = leftmost(first.body);
  if (test === null || typeof test !== 'object') return undefined;
  if ('contains' in test) {
    const { left, right } = (test as { contains: { left: unknown; right: unknown } }).contains;
    const target = entityAttr(left);
    const literal = stringLiteral(right);
    return target && literal !== undefined ? { ...target, test: 'contains', literal } : undefined;
  }
  if ('==' in test) {
    const { left, right } = (test as { '==': { left: unknown; right: unknown } })['=='];
    const target = entityAttr(left) ?? entityAttr(right);
    const literal = entityAttr(left) ? stringLiteral(right) : stringLiteral(left);
    return target && literal !== undefined ? { ...target, test: 'equals', literal } : undefined;
  }
  return undefined;
}

/** True when the guard is certainly false on this entity (the attribute exists and has a comparable value). */
export function entityGuardFails(guard: EntityGuard, entity: EntityJson): boolean {
  const value: CedarValueJson | undefined = entity.attrs[guard.attr];
  if (guard.test === 'contains') {
    return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== guard.literal);
  }
  return typeof value === 'string' && value !== guard.literal;
}
