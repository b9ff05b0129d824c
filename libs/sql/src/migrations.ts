export interface Migration {
  /** Positive integer, unique within a module; migrations run in ascending version order. */
  readonly version: number;
  readonly name: string;
  /** One or several statements. */
  readonly sql: string;
}

export class InvalidMigrationsError extends Error {
  readonly code = 'sql.invalid_migrations';
  constructor(
    readonly module: string,
    reason: string,
  ) {
    super(`Migrations of module "${module}" are invalid: ${reason}`);
    this.name = 'InvalidMigrationsError';
  }
}

/** Pure: which migrations still have to run, in order. Throws on a list that cannot be applied safely. */
export function pendingMigrations(
  module: string,
  migrations: readonly Migration[],
  appliedVersions: ReadonlySet<number>,
): Migration[] {
  if (module.trim() === '') throw new InvalidMigrationsError(module, 'the module name is empty');
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isSafeInteger(migration.version) || migration.version < 1) {
      throw new InvalidMigrationsError(module, `version ${migration.version} is not a positive integer`);
    }
    if (seen.has(migration.version)) {
      throw new InvalidMigrationsError(module, `version ${migration.version} appears twice`);
    }
    seen.add(migration.version);
  }
  return [...migrations]
    .sort((a, b) => a.version - b.version)
    .filter((migration) => !appliedVersions.has(migration.version));
}
