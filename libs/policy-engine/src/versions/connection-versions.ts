import type { Connection, ConnectionSpec } from '../domain/policy-model';

export const CONNECTION_SPEC_FIELDS = [
  'operations',
  'rateLimit',
  'budget',
  'approval',
  'guardrailProfileId',
  'minTrust',
  'expiresAt',
  'failMode',
] as const satisfies readonly (keyof ConnectionSpec)[];

export type ConnectionSpecField = (typeof CONNECTION_SPEC_FIELDS)[number];

export interface FieldChange {
  readonly field: ConnectionSpecField;
  readonly before: unknown;
  readonly after: unknown;
}

/** Key-order-independent deep equality of JSON values (absent and `undefined` are equal). */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function specOf(connection: ConnectionSpec): ConnectionSpec {
  const spec: Record<string, unknown> = {};
  for (const field of CONNECTION_SPEC_FIELDS) {
    if (connection[field] !== undefined) spec[field] = connection[field];
  }
  return spec as unknown as ConnectionSpec;
}

/** The fields whose value differs between two versions of a connection, with both values. */
export function diffConnectionSpecs(before: ConnectionSpec, after: ConnectionSpec): readonly FieldChange[] {
  return CONNECTION_SPEC_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field])).map(
    (field) => ({
      field,
      before: before[field],
      after: after[field],
    }),
  );
}

export function sameSpec(a: ConnectionSpec, b: ConnectionSpec): boolean {
  return diffConnectionSpecs(a, b).length === 0;
}

export interface Rollback {
  /** The new version's number: always current + 1 (a rollback never rewrites history). */
  readonly version: number;
  readonly spec: ConnectionSpec;
  readonly changedFields: readonly ConnectionSpecField[];
  readonly rolledBackToVersion: number;
}

/**
 * Rolling back to an old version makes a new version whose spec equals the old one's. The caller
 * turns it into a `connection.updated` event (with `rolledBackToVersion`).
 */
export function rollbackConnection(current: Connection, target: Connection): Rollback {
  if (target.id !== current.id)
    throw new Error(`cannot roll ${current.id} back to a version of ${target.id}`);
  if (target.version >= current.version) {
    throw new Error(
      `v${target.version} is not an earlier version of ${current.id} (current v${current.version})`,
    );
  }
  const spec = specOf(target);
  return {
    version: current.version + 1,
    spec,
    changedFields: diffConnectionSpecs(specOf(current), spec).map((c) => c.field),
    rolledBackToVersion: target.version,
  };
}
