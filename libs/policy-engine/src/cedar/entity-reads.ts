import type { PolicyJson } from './cedar-runtime';

/** What a set of policies can read of one request entity (the principal or the resource). */
export interface EntityRead {
  /** Some use was not understood: the whole entity is passed. */
  readonly all: boolean;
  /** Attributes read with `.attr` or tested with `has attr`, sorted. */
  readonly attrs: readonly string[];
  readonly tags: boolean;
  readonly parents: boolean;
  /** Names this read shape, for caches of entity JSON. */
  readonly key: string;
}

/** Per request entity, what the set reads; `undefined` when no policy reads anything of it. */
export interface EntityReads {
  readonly principal: EntityRead | undefined;
  readonly resource: EntityRead | undefined;
}

type Var = 'principal' | 'resource';

interface Accumulator {
  all: boolean;
  readonly attrs: Set<string>;
  tags: boolean;
  parents: boolean;
  used: boolean;
}

function accumulator(): Accumulator {
  return { all: false, attrs: new Set(), tags: false, parents: false, used: false };
}

function entityVar(node: unknown): Var | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'Var') return undefined;
  const name = (node as { Var: unknown }).Var;
  return name === 'principal' || name === 'resource' ? name : undefined;
}

function containsEntityLiteral(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsEntityLiteral);
  if (value === null || typeof value !== 'object') return false;
  if ('__entity' in value) return true;
  return Object.values(value).some(containsEntityLiteral);
}

function walk(node: unknown, acc: Record<Var, Accumulator>): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, acc);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  const op = keys.length === 1 ? keys[0] : undefined;
  const arg = op === undefined ? undefined : record[op];
  const operands = (arg ?? {}) as { left?: unknown; right?: unknown; attr?: unknown };
  switch (op) {
    case 'Value':
      // An entity literal can name the request's own principal or resource and read through it.
      if (containsEntityLiteral(arg)) {
        acc.principal.all = true;
        acc.resource.all = true;
      }
      return;
    case 'Var': {
      const v = entityVar(record);
      if (v !== undefined) acc[v].all = true;
      return;
    }
    case 'Record':
      if (arg !== null && typeof arg === 'object') for (const value of Object.values(arg)) walk(value, acc);
      return;
    case '.':
    case 'has': {
      const v = entityVar(operands.left);
      const attr = Array.isArray(operands.attr) ? (operands.attr as unknown[])[0] : operands.attr;
      if (v !== undefined && typeof attr === 'string') {
        acc[v].used = true;
        acc[v].attrs.add(attr);
      } else walk(operands.left, acc);
      return;
    }
    case 'hasTag':
    case 'getTag': {
      const v = entityVar(operands.left);
      if (v !== undefined) {
        acc[v].used = true;
        acc[v].tags = true;
      } else walk(operands.left, acc);
      walk(operands.right, acc);
      return;
    }
    default:
      for (const value of Object.values(record)) walk(value, acc);
  }
}

function scopeNeedsAncestors(constraint: PolicyJson['principal']): boolean {
  return constraint.op === 'in' || (constraint.op === 'is' && constraint.in !== undefined);
}

function finish(acc: Accumulator): EntityRead | undefined {
  if (acc.all) return { all: true, attrs: [], tags: true, parents: true, key: '*' };
  if (!acc.used) return undefined;
  const attrs = [...acc.attrs].sort();
  return {
    all: false,
    attrs,
    tags: acc.tags,
    parents: acc.parents,
    key: `${acc.tags ? 't' : ''}${acc.parents ? 'p' : ''}:${JSON.stringify(attrs)}`,
  };
}

/**
 * What evaluating the policies can read of the request's principal and resource entities: which
 * attributes (`.a`, `has a`), whether tags (`hasTag`, `getTag`) and whether ancestors (`in` in the
 * scope). Any other use of `principal` or `resource` in a condition (e.g. `principal in X`, passing
 * it to an operator), and any entity literal, counts as reading the whole entity. Cedar's answer
 * depends on the entity data only through these reads, so an entity cut down to them decides the same.
 */
export function entityReads(policies: readonly PolicyJson[]): EntityReads {
  const acc: Record<Var, Accumulator> = { principal: accumulator(), resource: accumulator() };
  for (const policy of policies) {
    if (scopeNeedsAncestors(policy.principal)) {
      acc.principal.used = true;
      acc.principal.parents = true;
    }
    if (scopeNeedsAncestors(policy.resource)) {
      acc.resource.used = true;
      acc.resource.parents = true;
    }
    for (const clause of policy.conditions) walk(clause.body, acc);
  }
  return { principal: finish(acc.principal), resource: finish(acc.resource) };
}
