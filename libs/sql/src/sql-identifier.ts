const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export class InvalidSqlIdentifierError extends Error {
  readonly code = 'sql.invalid_identifier';
  constructor(readonly identifier: string) {
    super(`"${identifier}" is not a plain lower-case SQL identifier`);
    this.name = 'InvalidSqlIdentifierError';
  }
}

/** Channel and database names cannot be bound as parameters, so they must be checked before use. */
export function assertSqlIdentifier(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new InvalidSqlIdentifierError(identifier);
  return identifier;
}
