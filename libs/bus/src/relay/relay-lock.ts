import { Client } from 'pg';

/** Guarantees one relay per event store: held for the relay's whole life. */
export interface RelayLock {
  /** Waits until the lock is held (or `isCancelled` turns true: then it rejects). */
  acquire(isCancelled: () => boolean): Promise<void>;
  /** Called if the lock is lost while held (its connection dropped): the relay must stop publishing at once. */
  onLost(callback: (error: Error) => void): void;
  release(): Promise<void>;
}

/** Advisory lock key of the relay (0x5744 = "WD"; the keys of libs/sql are ...01 and ...02). */
export const RELAY_ADVISORY_LOCK = '0x5744000000000010';

/**
 * A PostgreSQL session advisory lock on a dedicated connection (a pooled one could be handed back with the lock
 * still held). A relay that dies loses its connection and so the lock: a standby takes over at once.
 */
export class PgAdvisoryRelayLock implements RelayLock {
  private client?: Client;
  private lost?: (error: Error) => void;
  private released = false;

  constructor(
    private readonly connectionString: string,
    private readonly key: string = RELAY_ADVISORY_LOCK,
    private readonly retryMs = 500,
  ) {}

  async acquire(isCancelled: () => boolean): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('error', (error) => this.lose(error));
    client.on('end', () => this.lose(new Error('relay lock connection ended')));
    await client.connect();
    this.client = client;
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [BigInt(this.key).toString()],
      );
      if (rows[0]?.locked === true) return;
      if (isCancelled()) {
        await this.release();
        throw new Error('relay lock acquisition cancelled');
      }
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }

  onLost(callback: (error: Error) => void): void {
    this.lost = callback;
  }

  async release(): Promise<void> {
    this.released = true;
    // Closing the session releases the lock.
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private lose(error: Error): void {
    if (!this.released) this.lost?.(error);
  }
}
