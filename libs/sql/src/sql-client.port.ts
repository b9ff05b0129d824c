/**
 * The one SQL surface both embedded (PGlite) and distributed (PostgreSQL via `pg`) modes run on.
 * Every adapter that keeps state in the event-store database (event store, durable log, checkpoints,
 * projections) writes plain PostgreSQL through this, so the same SQL runs in both modes.
 *
 * Results are the same on both adapters: `int8`/`bigint` columns come back as JS numbers (positions and
 * counters stay below 2^53), `json`/`jsonb` as parsed values, `timestamptz` as `Date`.
 * Without params, `sql` may hold several statements (simple query protocol); the result is the last one's.
 */
export interface SqlResult<TRow> {
  readonly rows: TRow[];
  readonly rowCount: number;
}

export interface SqlExecutor {
  query<TRow = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<TRow>>;
}

/** Stops a LISTEN started by {@link SqlClient.listen}. */
export type Unlisten = () => Promise<void>;

export interface SqlClient extends SqlExecutor {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Use only `tx` inside `work`: calling the client itself from inside may wait for the transaction (PGlite).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel (a plain identifier); `onNotify` receives each NOTIFY payload.
   * A wake-up hint only: notifications can be lost on reconnect, so callers also poll.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

export const SQL_CLIENT = Symbol('SQL_CLIENT');
