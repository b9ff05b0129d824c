import type { PolicyJson } from './cedar-runtime';

/** A path into the request context, e.g. `["time", "hourUtc"]`; `[]` means the whole context. */
export type ContextPath = readonly string[];

type Literal = string | number | boolean;

/**
 * How a set of policies reads one context path. `value`: read as a whole (the exact value matters).
 * `compare`: only `<`, `<=`, `>`, `>=` against integer literals — only the value's position among
 * those thresholds matters. `equals`: only `==`/`!=` against literals — only which literal it equals
 * matters. `member`: only `.contains` / `.containsAny` / `.containsAll` of literals on a set — only
 * which of those literals it holds matters.
 */
export type ContextRead =
  | { readonly path: ContextPath; readonly use: 'value' }
  | { readonly path: ContextPath; readonly use: 'compare'; readonly literals: readonly number[] }
  | { readonly path: ContextPath; readonly use: 'equals' | 'member'; readonly literals: readonly Literal[] }
  /** Only `like` patterns and `==`/`!=` string literals: only which of them the string matches matters. */
  | { readonly path: ContextPath; readonly use: 'match'; readonly literals: readonly RegExp[] };

function contextPath(expr: unknown): ContextPath | undefined {
  if (expr === null || typeof expr !== 'object') return undefined;
  const node = expr as { Var?: unknown; '.'?: { left: unknown; attr: unknown } };
  if (node.Var !== undefined) return node.Var === 'context' ? [] : undefined;
  const access = node['.'];
  if (access !== undefined && typeof access.attr === 'string') {
    const base = contextPath(access.left);
    return base === undefined ? undefined : [...base, access.attr];
  }
  return undefined;
}

function literal(expr: unknown): Literal | undefined {
  if (expr === null || typeof expr !== 'object' || !('Value' in expr)) return undefined;
  const value = expr.Value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}

function literalSet(expr: unknown): Literal[] | undefined {
  if (expr === null || typeof expr !== 'object') return undefined;
  const items: unknown[] | undefined =
    'Set' in expr && Array.isArray(expr.Set)
      ? (expr as { Set: unknown[] }).Set
      : 'Value' in expr && Array.isArray(expr.Value)
        ? (expr as { Value: unknown[] }).Value.map((v) => ({ Value: v }))
        : undefined;
  if (items === undefined) return undefined;
  const literals = items.map(literal);
  return literals.every((l): l is Literal => l !== undefined) ? literals : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactly(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}$`);
}

/** A Cedar `like` pattern as a RegExp: `Wildcard` matches any run of characters, literals themselves. */
function likePattern(pattern: unknown): RegExp | undefined {
  if (!Array.isArray(pattern)) return undefined;
  let body = '';
  for (const element of pattern as unknown[]) {
    if (element === 'Wildcard') body += '[\\s\\S]*';
    else if (
      element !== null &&
      typeof element === 'object' &&
      typeof (element as { Literal?: unknown }).Literal === 'string'
    ) {
      body += escapeRegExp((element as { Literal: string }).Literal);
    } else return undefined;
  }
  return new RegExp(`^${body}$`);
}

function uniqueBySource(patterns: readonly RegExp[]): RegExp[] {
  const seen = new Map<string, RegExp>();
  for (const re of patterns) if (!seen.has(re.source)) seen.set(re.source, re);
  return [...seen.values()];
}

const COMPARISONS = ['<', '<=', '>', '>='] as const;
const EQUALITIES = ['==', '!='] as const;
const MEMBERSHIPS = ['containsAny', 'containsAll'] as const;

function binary(record: Record<string, unknown>, op: string): { left: unknown; right: unknown } | undefined {
  const operands = record[op] as { left?: unknown; right?: unknown } | undefined;
  return operands !== undefined && 'left' in operands && 'right' in operands
    ? { left: operands.left, right: operands.right }
    : undefined;
}

function walk(node: unknown, out: ContextRead[]): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  // A record literal's attribute names are free: `{Value: context.tool}` must not read as a literal.
  const recordLiteral = record['Record'];
  if (Object.keys(record).length === 1 && recordLiteral !== null && typeof recordLiteral === 'object') {
    for (const value of Object.values(recordLiteral)) walk(value, out);
    return;
  }

  for (const op of COMPARISONS) {
    const b = binary(record, op);
    if (b === undefined) continue;
    const [path, lit] =
      contextPath(b.left) !== undefined
        ? [contextPath(b.left), literal(b.right)]
        : [contextPath(b.right), literal(b.left)];
    if (path !== undefined && typeof lit === 'number') out.push({ path, use: 'compare', literals: [lit] });
    else walk([b.left, b.right], out);
    return;
  }
  for (const op of EQUALITIES) {
    const b = binary(record, op);
    if (b === undefined) continue;
    const [path, lit] =
      contextPath(b.left) !== undefined
        ? [contextPath(b.left), literal(b.right)]
        : [contextPath(b.right), literal(b.left)];
    if (path !== undefined && typeof lit === 'string')
      out.push({ path, use: 'match', literals: [exactly(lit)] });
    else if (path !== undefined && lit !== undefined) out.push({ path, use: 'equals', literals: [lit] });
    else walk([b.left, b.right], out);
    return;
  }
  const like = record['like'] as { left?: unknown; pattern?: unknown } | undefined;
  if (like !== undefined && like.left !== undefined) {
    const path = contextPath(like.left);
    const pattern = likePattern(like.pattern);
    if (path !== undefined && pattern !== undefined) out.push({ path, use: 'match', literals: [pattern] });
    else walk(like.left, out);
    return;
  }
  const contains = binary(record, 'contains');
  if (contains !== undefined) {
    const path = contextPath(contains.left);
    const lit = literal(contains.right);
    if (path !== undefined && lit !== undefined) out.push({ path, use: 'member', literals: [lit] });
    else walk([contains.left, contains.right], out);
    return;
  }
  for (const op of MEMBERSHIPS) {
    const b = binary(record, op);
    if (b === undefined) continue;
    const path = contextPath(b.left);
    const lits = literalSet(b.right);
    if (path !== undefined && lits !== undefined) out.push({ path, use: 'member', literals: lits });
    else walk([b.left, b.right], out);
    return;
  }
  if ('Var' in record || '.' in record) {
    const path = contextPath(node);
    if (path !== undefined) out.push({ path, use: 'value' });
    else if ('.' in record) walk((record['.'] as { left: unknown }).left, out);
    return;
  }
  if ('has' in record) {
    const has = record['has'] as { left: unknown; attr: string | string[] };
    const base = contextPath(has.left);
    if (base !== undefined)
      out.push({ path: [...base, ...(Array.isArray(has.attr) ? has.attr : [has.attr])], use: 'value' });
    else walk(has.left, out);
    return;
  }
  if ('Value' in record) return;
  for (const value of Object.values(record)) walk(value, out);
}

/**
 * What a set of policies reads from the context, one entry per path, each read merged across the
 * policies (different kinds of use on one path degrade to `value`). Cedar's answer depends on the
 * context only through these reads, which makes them an exact memo key.
 */
export function contextReads(policies: readonly PolicyJson[]): readonly ContextRead[] {
  const raw: ContextRead[] = [];
  for (const policy of policies) for (const clause of policy.conditions) walk(clause.body, raw);
  const merged = new Map<string, ContextRead>();
  for (const read of raw) {
    const key = read.path.join('\u0000');
    const held = merged.get(key);
    if (held === undefined) merged.set(key, read);
    else if (held.use === 'value' || read.use === 'value' || held.use !== read.use)
      merged.set(key, { path: read.path, use: 'value' });
    else
      merged.set(
        key,
        held.use === 'match' && read.use === 'match'
          ? { ...held, literals: uniqueBySource([...held.literals, ...read.literals]) }
          : ({ ...held, literals: [...new Set([...held.literals, ...read.literals])] } as ContextRead),
      );
  }
  return [...merged.values()].map((r) =>
    r.use === 'compare' ? { ...r, literals: [...r.literals].sort((a, b) => a - b) } : r,
  );
}

function at(context: Readonly<Record<string, unknown>>, path: ContextPath): unknown {
  let value: unknown = context;
  for (const step of path) {
    value =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  }
  return value;
}

/** The part of the memo key for one read: the value, reduced to what the policies can tell apart. */
export function readKey(read: ContextRead, context: Readonly<Record<string, unknown>>): string {
  const value = at(context, read.path);
  if (value === undefined) return 'u';
  switch (read.use) {
    case 'compare':
      return typeof value === 'number'
        ? `${read.literals.filter((t) => t < value).length}${read.literals.includes(value) ? '=' : ''}`
        : `x${JSON.stringify(value)}`;
    case 'match':
      return typeof value === 'string'
        ? read.literals.map((re) => (re.test(value) ? '1' : '0')).join('')
        : `x${JSON.stringify(value)}`;
    case 'equals':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? `e${read.literals.indexOf(value)}`
        : `x${JSON.stringify(value)}`;
    case 'member':
      return Array.isArray(value)
        ? read.literals.map((l) => (value.includes(l) ? '1' : '0')).join('')
        : `x${JSON.stringify(value)}`;
    case 'value':
      // JSON.stringify escapes control characters, so a key separator cannot occur inside a value.
      return JSON.stringify(value);
  }
}

/** A forbid's first test: `context.<path> == <literal>`. */
export interface EqualityGuard {
  readonly path: ContextPath;
  readonly literal: Literal;
}

function leftmost(expr: unknown): unknown {
  let node = expr;
  while (node !== null && typeof node === 'object' && '&&' in node)
    node = (node as { '&&': { left: unknown } })['&&'].left;
  return node;
}

/**
 * The equality Cedar evaluates first in a policy's conditions, when it is `context.<path> == <literal>`
 * (either side). Cedar evaluates the scope, then the clauses in order, `&&` left to right with short
 * circuit: when the request's value at that path is a different literal, the policy is not satisfied
 * and nothing after the guard is evaluated (so no error can arise either) — leaving the policy out of
 * the evaluated set changes nothing.
 */
export function equalityGuard(policy: PolicyJson): EqualityGuard | undefined {
  const first = policy.conditions[0];
  if (first === undefined || first.kind !== 'when') return undefined;
  const test = leftmost(first.body);
  if (test === null || typeof test !== 'object' || !('==' in test)) return undefined;
  const { left, right } = (test as { '==': { left: unknown; right: unknown } })['=='];
  const path = contextPath(left) ?? contextPath(right);
  const lit = contextPath(left) !== undefined ? literal(right) : literal(left);
  return path !== undefined && path.length > 0 && lit !== undefined ? { path, literal: lit } : undefined;
}

export function contextValue(context: Readonly<Record<string, unknown>>, path: ContextPath): unknown {
  return at(context, path);
}
