import type { EventStore, StoredEvent, Subscription } from '@warden/eventstore';
import pino, { type Logger } from 'pino';
import type { Bus } from '../bus.port';
import type { RelayLock } from './relay-lock';
import { planRelayBatch } from './relay-plan';

export interface RelayOptions {
  /** Checkpoint name in the store. Default 'relay'. */
  readonly name?: string;
  readonly batchSize?: number;
  /**
   * Keeps a second relay on the same store from publishing. Without one, the caller guarantees a single relay
   * (embedded mode: one process).
   */
  readonly lock?: RelayLock;
  readonly logger?: Logger;
  /** Called when the relay has to stop on its own (its lock was lost). Default: log it. */
  readonly onFatal?: (error: Error) => void;
}

/**
 * Moves event-store events onto the bus (outbox pattern, no dual writes): from its checkpoint, each batch is
 * published to its context's topic with key = stream id, and only THEN the checkpoint is saved.
 *
 * A crash between the publish and the checkpoint re-publishes that batch on restart: consumers receive duplicates
 * and dedupe them by event id (delivery is at-least-once, DESIGN §3). A failed publish or checkpoint is retried by
 * the subscription from the same position, so nothing is skipped.
 */
export class Relay {
  private subscription?: Subscription;
  private stopping = false;
  private readonly name: string;
  private readonly logger: Logger;
  private relayed = 0;

  constructor(
    private readonly store: EventStore,
    private readonly bus: Bus,
    private readonly options: RelayOptions = {},
  ) {
    this.name = options.name ?? 'relay';
    this.logger = options.logger ?? pino({ name: 'relay', level: process.env.LOG_LEVEL ?? 'info' });
  }

  /** Resolves once the relay holds its lock and runs. */
  async start(): Promise<void> {
    const { lock } = this.options;
    if (lock) {
      this.logger.info({ relay: this.name }, 'waiting for the relay lock');
      await lock.acquire(() => this.stopping);
      lock.onLost((error) => void this.fail(error));
    }
    const after = await this.store.loadCheckpoint(this.name);
    this.logger.info({ relay: this.name, after }, 'relay started');
    this.subscription = this.store.subscribe({
      after,
      batchSize: this.options.batchSize ?? 500,
      onEvents: (events) => this.relay(events),
      onError: (error) =>
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'relay batch failed, retrying',
        ),
    });
  }

  /** Events published since start (duplicates after a retry included). */
  get relayedCount(): number {
    return this.relayed;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    this.subscription = undefined;
    await this.options.lock?.release();
  }

  private async relay(events: readonly StoredEvent[]): Promise<void> {
    if (this.stopping) throw new Error('relay stopping');
    for (const { topic, messages } of planRelayBatch(events)) await this.bus.publish(topic, messages);
    const last = events[events.length - 1];
    if (last === undefined) return;
    await this.store.saveCheckpoint(this.name, last.position);
    this.relayed += events.length;
    this.logger.debug({ relay: this.name, position: last.position, count: events.length }, 'relayed');
  }

  private async fail(error: Error): Promise<void> {
    this.logger.error({ relay: this.name, err: error.message }, 'relay lock lost: stopping');
    this.stopping = true;
    await this.subscription?.close().catch(() => undefined);
    (this.options.onFatal ?? (() => undefined))(error);
  }
}
