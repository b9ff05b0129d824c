import {
  EVENTS_TABLE,
  insertJsonEachRow,
  toClickHouseTime,
  toEventRow,
  toJsonEachRow,
  type AnalyticsClient,
  type EventRow,
} from '@warden/analytics';
import type { DeliveredMessage } from '@warden/bus';
import { appendToChains, headKey, type ChainedEvent, type ChainHead } from './chain-entries';
import { eventHash } from './event-hash';

export const CHAIN_TABLE = 'audit_chain';

export interface ProjectionResult {
  /** Events recorded for the first time by this call. */
  readonly recorded: number;
  /** Events of the batch already in the trail (redeliveries, replays, duplicates within the batch). */
  readonly duplicates: number;
}

const chainOf = (message: Pick<DeliveredMessage, 'topic' | 'partition'>): string =>
  `${message.topic}#${message.partition}`;

/** A batch whose chain entries are written; its insert into `events` (step 3) is queued behind the earlier ones. */
export interface PreparedProjection {
  readonly result: ProjectionResult;
  /** Resolves once the batch's new envelopes are durable in `events` (rejects if that insert failed). */
  write(): Promise<ProjectionResult>;
}

/** A write into `events` under way: a later batch holding one of its ids waits for it before looking ids up. */
interface WriteInFlight {
  readonly ids: ReadonlySet<string>;
  readonly done: Promise<unknown>;
}

/**
 * Writes a batch of delivered envelopes to ClickHouse, idempotently on event id:
 * 1. drop ids already in the trail: looked up in `audit_chain`, and those found there also in `events`
 *    (an event reaches `events` only after its chain entry, so an id missing from the chain is not stored);
 * 2. append the new ones to their hash chains (`audit_chain`) — first, so a crash before step 3 leaves a
 *    chain entry whose event the redelivery then inserts (verify reports it missing in between);
 * 3. insert the not-yet-stored envelopes into `events`, whose materialized views fill the typed tables and
 *    the rollups — each event id reaches them once, so the rollups never double count.
 * `prepare` does steps 1–2 and queues step 3, so the next batch can be prepared while this one is written
 * (ADR 0007): preparations run one at a time, and so do writes, each in call order. An id of a write still
 * under way counts as stored only once that write succeeded: a batch holding one waits for it first.
 * Any type is accepted: the typed views pick rows by `type` pattern.
 */
export class AuditProjector {
  private readonly heads = new Map<string, ChainHead>();
  /** Next expected offset per chain: a gap means another consumer may have written it, so its heads reload. */
  private readonly nextOffset = new Map<string, bigint>();
  private preparing: Promise<unknown> = Promise.resolve();
  private writing: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<WriteInFlight>();

  constructor(
    private readonly client: AnalyticsClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async project(messages: readonly DeliveredMessage[]): Promise<ProjectionResult> {
    return (await this.prepare(messages)).write();
  }

  /** Steps 1–2, after the preparations before it; step 3 is then queued behind the writes before it. */
  prepare(messages: readonly DeliveredMessage[]): Promise<PreparedProjection> {
    const prepared = this.preparing.then(() => this.prepareAlone(messages));
    this.preparing = prepared.catch(() => undefined);
    return prepared;
  }

  private async prepareAlone(messages: readonly DeliveredMessage[]): Promise<PreparedProjection> {
    if (messages.length === 0) return this.nothingToWrite({ recorded: 0, duplicates: 0 });
    const now = this.clock();
    const seen = new Set<string>();
    const batch: ChainedEvent[] = [];
    /** Each row's JSONEachRow line, index for index with `batch`. */
    const lines: string[] = [];
    // The per-event work that does not depend on the lookups comes first: this runs while the previous batch's
    // insert holds chDB, which answers this batch's lookups only after it.
    for (const message of messages) {
      this.noteOffset(message);
      if (seen.has(message.event.id)) continue;
      seen.add(message.event.id);
      const row = toEventRow(message.event, message.topic, now);
      batch.push({ chain: chainOf(message), row, hash: eventHash(row) });
      lines.push(JSON.stringify(row));
    }
    const rows = batch.map((entry) => entry.row);
    const chained = await this.idsInChain(rows);
    // Step 2 precedes step 3, so a stored event is always chained: only chained ids need the second lookup.
    const maybeStored = rows.filter((row) => chained.has(row.id));
    if (maybeStored.length > 0) await this.writesOf(maybeStored);
    const stored = maybeStored.length > 0 ? await this.idsInEvents(maybeStored) : new Set<string>();

    const toChain = batch.filter((entry) => !chained.has(entry.row.id));
    if (toChain.length > 0) {
      const heads = await this.headsFor(toChain);
      const appended = appendToChains(toChain, heads, toClickHouseTime(now));
      await insertJsonEachRow(this.client, CHAIN_TABLE, toJsonEachRow(appended.rows));
      for (const [key, head] of appended.heads) this.heads.set(key, head);
    }
    const toStore = rows.filter((row) => !stored.has(row.id));
    const result = { recorded: toStore.length, duplicates: messages.length - toStore.length };
    if (toStore.length === 0) return this.nothingToWrite(result);
    const body = lines.filter((_, i) => !stored.has(rows[i]?.id ?? '')).join('\n');
    const ids = new Set(toStore.map((row) => row.id));
    // Queued at once, behind the writes before it: a later batch's preparation must see its ids as under way.
    const written = this.enqueueWrite(ids, () => insertJsonEachRow(this.client, EVENTS_TABLE, body), result);
    return { result, write: () => written };
  }

  private nothingToWrite(result: ProjectionResult): PreparedProjection {
    return { result, write: () => Promise.resolve(result) };
  }

  private enqueueWrite(
    ids: ReadonlySet<string>,
    insert: () => Promise<unknown>,
    result: ProjectionResult,
  ): Promise<ProjectionResult> {
    const done = this.writing.then(insert);
    const write: WriteInFlight = { ids, done: done.catch(() => undefined) };
    this.writing = write.done;
    this.inFlight.add(write);
    void write.done.then(() => this.inFlight.delete(write));
    const written = done.then(() => result);
    // Awaited through `write()`, possibly later than it fails: not an unhandled rejection meanwhile.
    written.catch(() => undefined);
    return written;
  }

  /** Waits for the writes under way that hold one of these ids (whether they succeed or fail). */
  private async writesOf(rows: readonly EventRow[]): Promise<void> {
    const waits = [...this.inFlight].filter((write) => rows.some((row) => write.ids.has(row.id)));
    await Promise.all(waits.map((write) => write.done));
  }

  private noteOffset(message: DeliveredMessage): void {
    const chain = chainOf(message);
    const offset = BigInt(message.offset);
    const expected = this.nextOffset.get(chain);
    if (expected !== undefined && expected !== offset) {
      for (const key of [...this.heads.keys()]) if (key.endsWith(`\u0000${chain}`)) this.heads.delete(key);
    }
    this.nextOffset.set(chain, offset + 1n);
  }

  private async headsFor(entries: readonly ChainedEvent[]): Promise<Map<string, ChainHead>> {
    const heads = new Map<string, ChainHead>();
    const missing = new Map<string, { orgid: string; chain: string }>();
    for (const { chain, row } of entries) {
      const key = headKey(row.orgid, chain);
      const cached = this.heads.get(key);
      if (cached) heads.set(key, cached);
      else missing.set(key, { orgid: row.orgid, chain });
    }
    if (missing.size === 0) return heads;
    const result = await this.client.query({
      query: `SELECT orgid, chain, max(seq) AS head_seq, argMax(chain_hash, seq) AS hash
              FROM ${CHAIN_TABLE}
              WHERE orgid IN {orgs:Array(String)} AND chain IN {chains:Array(String)}
              GROUP BY orgid, chain`,
      query_params: {
        orgs: [...new Set([...missing.values()].map((m) => m.orgid))],
        chains: [...new Set([...missing.values()].map((m) => m.chain))],
      },
      format: 'JSONEachRow',
    });
    for (const row of await result.json<{ orgid: string; chain: string; head_seq: string; hash: string }>()) {
      const key = headKey(row.orgid, row.chain);
      if (missing.has(key)) heads.set(key, { seq: Number(row.head_seq), hash: row.hash });
    }
    return heads;
  }

  private async idsInChain(rows: readonly EventRow[]): Promise<Set<string>> {
    const result = await this.client.query({
      query: `SELECT DISTINCT event_id AS id FROM ${CHAIN_TABLE}
              WHERE orgid IN {orgs:Array(String)} AND event_id IN {ids:Array(String)}`,
      query_params: { orgs: distinct(rows.map((r) => r.orgid)), ids: rows.map((r) => r.id) },
      format: 'JSONEachRow',
    });
    return new Set((await result.json<{ id: string }>()).map((r) => r.id));
  }

  private async idsInEvents(rows: readonly EventRow[]): Promise<Set<string>> {
    const times = rows.map((r) => r.time).sort();
    const result = await this.client.query({
      query: `SELECT DISTINCT id FROM ${EVENTS_TABLE}
              WHERE orgid IN {orgs:Array(String)} AND type IN {types:Array(String)}
                AND time >= {from:DateTime64(3, 'UTC')} AND time <= {to:DateTime64(3, 'UTC')}
                AND id IN {ids:Array(String)}`,
      query_params: {
        orgs: distinct(rows.map((r) => r.orgid)),
        types: distinct(rows.map((r) => r.type)),
        from: times[0],
        to: times[times.length - 1],
        ids: rows.map((r) => r.id),
      },
      format: 'JSONEachRow',
    });
    return new Set((await result.json<{ id: string }>()).map((r) => r.id));
  }
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
