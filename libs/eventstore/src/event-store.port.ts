import type { CloudEvent } from '@warden/contracts';

/**
 * Where the stream must stand for an append to succeed:
 * a revision number (0-based revision of the stream's last event), 'no_stream' (the stream must not exist),
 * 'stream_exists', or 'any'.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** An event as stored: its envelope plus where it stands in its stream and in the global log. */
export interface StoredEvent {
  readonly streamId: string;
  /** 0-based position of the event inside its stream. */
  readonly revision: number;
  /** 1-based, gap-free-in-commit-order position in the whole store. */
  readonly position: number;
  readonly event: CloudEvent;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly lastPosition: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. 0 reads from the start. */
  readonly after: number;
  readonly limit: number;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts after this global position. */
  readonly after: number;
  readonly batchSize?: number;
  /** Called with batches in global order; the next batch comes only after the promise resolves. */
  readonly onEvents: (events: readonly StoredEvent[]) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

/**
 * The event store port (DESIGN §2): narrow on purpose, so that an EventStoreDB adapter can be added.
 * Appends are atomic and idempotent on event id: re-appending the same events at the same place is a no-op.
 */
export interface EventStore {
  append(streamId: string, events: readonly CloudEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, fromRevision?: number): Promise<StoredEvent[]>;
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  /** Named, durable checkpoints for relays and projections that live next to the store. */
  loadCheckpoint(name: string): Promise<number>;
  saveCheckpoint(name: string, position: number): Promise<void>;
  /** Stops every subscription (waiting for a running batch); connections the store does not own stay open. */
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
