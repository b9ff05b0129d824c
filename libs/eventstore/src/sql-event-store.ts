import type { CloudEvent } from '@warden/contracts';
import type { SqlClient, Unlisten } from '@warden/sql';
import { decideAppend, validateAppendRequest, type StoredEventRef } from './append-decision';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import { EVENT_STORE_CHANNEL } from './event-store-migrations';
import { PollingSubscription } from './polling-subscription';

export interface SqlEventStoreOptions {
  /** How often a caught-up subscription re-reads when nothing woke it. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** Wait after a failed read or handler before retrying. Default 500 ms. */
  readonly errorBackoffMs?: number;
  /** Background failures (LISTEN, subscription handlers without their own onError). */
  readonly onBackgroundError?: (error: unknown) => void;
}

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  envelope: CloudEvent;
}

/** One call appends (ADR 0003): the function takes the global lock, then checks and writes in a later statement. */
const APPEND = `SELECT current_revision, stored_events, last_position, last_revision
  FROM warden_append_events($1, $2::jsonb, $3, $4)`;

interface AppendRow {
  current_revision: number;
  stored_events: StoredEventRef[];
  last_position: number | null;
  last_revision: number | null;
}

function toStoredEvent(row: EventRow): StoredEvent {
  return { streamId: row.stream_id, revision: row.revision, position: row.position, event: row.envelope };
}

/**
 * The event store on PostgreSQL SQL that runs unchanged on `pg` and PGlite (ADR 0003).
 * It does not own its SqlClient (the durable log shares it): close() stops subscriptions only.
 */
export class SqlEventStore implements EventStore {
  private readonly subscriptions = new Set<PollingSubscription>();
  private listening: Promise<Unlisten | undefined> | undefined;
  private readonly pollIntervalMs: number;
  private readonly errorBackoffMs: number;
  private readonly reportError: (error: unknown) => void;

  constructor(
    private readonly sql: SqlClient,
    options: SqlEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.errorBackoffMs = options.errorBackoffMs ?? 500;
    this.reportError = options.onBackgroundError ?? (() => undefined);
  }

  async append(
    streamId: string,
    events: readonly CloudEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const request = { streamId, eventIds: events.map((event) => event.id), expected };
    validateAppendRequest(request);
    const { rows } = await this.sql.query<AppendRow>(APPEND, [
      streamId,
      JSON.stringify(events),
      typeof expected === 'number' ? 'revision' : expected,
      typeof expected === 'number' ? expected : null,
    ]);
    const row = rows[0];
    if (row === undefined) throw new Error('warden_append_events returned no row');
    if (row.last_position !== null && row.last_revision !== null) {
      this.wakeSubscriptions();
      return { nextExpectedRevision: row.last_revision, lastPosition: row.last_position };
    }
    const decision = decideAppend(request, row.current_revision, row.stored_events);
    if (decision.kind === 'already_appended') {
      return { nextExpectedRevision: decision.nextExpectedRevision, lastPosition: decision.lastPosition };
    }
    if (events.length === 0) {
      return {
        nextExpectedRevision: row.current_revision,
        lastPosition: await this.lastPositionOf(streamId),
      };
    }
    throw new Error(`warden_append_events refused an append to "${streamId}" that decideAppend allows`);
  }

  async readStream(streamId: string, fromRevision = 0): Promise<StoredEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT position, stream_id, revision, envelope FROM warden_events
       WHERE stream_id = $1 AND revision >= $2 ORDER BY revision`,
      [streamId, fromRevision],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT position, stream_id, revision, envelope FROM warden_events
       WHERE position > $1 ORDER BY position LIMIT $2`,
      [options.after, options.limit],
    );
    return rows.map(toStoredEvent);
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.listenOnce();
    const subscription = new PollingSubscription(
      (after, limit) => this.readAll({ after, limit }),
      options,
      { pollIntervalMs: this.pollIntervalMs, errorBackoffMs: this.errorBackoffMs },
      (closed) => this.subscriptions.delete(closed),
      this.reportError,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async loadCheckpoint(name: string): Promise<number> {
    const { rows } = await this.sql.query<{ position: number }>(
      'SELECT position FROM warden_event_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0]?.position ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO warden_event_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [name, position],
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    const listening = this.listening;
    this.listening = undefined;
    const unlisten = await listening;
    await unlisten?.();
  }

  private async lastPositionOf(streamId: string): Promise<number> {
    const { rows } = await this.sql.query<{ position: number | null }>(
      'SELECT position FROM warden_events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1',
      [streamId],
    );
    return rows[0]?.position ?? 0;
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /** Appends from other processes (PostgreSQL) wake subscribers through NOTIFY; polling covers lost ones. */
  private listenOnce(): void {
    if (this.listening !== undefined) return;
    this.listening = this.sql
      .listen(EVENT_STORE_CHANNEL, () => this.wakeSubscriptions())
      .catch((error: unknown) => {
        this.reportError(error);
        return undefined;
      });
  }
}
