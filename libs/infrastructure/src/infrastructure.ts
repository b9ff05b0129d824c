import { KafkaBus, PgAdvisoryRelayLock, Relay, SqlLogBus, type Bus } from '@warden/bus';
import { createEventStore, type EventStore } from '@warden/eventstore';
import type { WardenConfig } from '@warden/platform';
import { createSqlClient, type SqlClient } from '@warden/sql';
import type { Logger } from 'pino';

export interface InfrastructureNeeds {
  /** This process appends to an event store (every service with a write side). */
  readonly eventStore: boolean;
}

/**
 * The adapters of one process, chosen from configuration alone (DESIGN §2): PostgreSQL or PGlite,
 * Kafka or the durable log in the same database. Services see only the ports.
 */
export class Infrastructure {
  private relay?: Relay;

  private constructor(
    private readonly config: WardenConfig,
    private readonly logger: Logger,
    readonly bus: Bus,
    readonly eventStore: EventStore | undefined,
    private readonly sql: SqlClient | undefined,
  ) {}

  static async open(
    config: WardenConfig,
    logger: Logger,
    needs: InfrastructureNeeds,
  ): Promise<Infrastructure> {
    const embeddedBus = config.kafkaBrokers === undefined;
    const sql =
      needs.eventStore || embeddedBus
        ? await createSqlClient({
            databaseUrl: config.databaseUrl,
            dataDir: config.dataDir,
            onBackgroundError: (error) => logger.error({ err: error.message }, 'database connection error'),
          })
        : undefined;
    try {
      const eventStore =
        needs.eventStore && sql
          ? await createEventStore(sql, {
              onBackgroundError: (error) =>
                logger.error(
                  { err: error instanceof Error ? error.message : String(error) },
                  'event store subscription error',
                ),
            })
          : undefined;
      const bus = await openBus(config, logger, sql);
      return new Infrastructure(config, logger, bus, eventStore, sql);
    } catch (error) {
      await sql?.close();
      throw error;
    }
  }

  /** Starts the outbox relay of this process's event store; with PostgreSQL one relay per store runs at a time. */
  startRelay(): void {
    if (!this.eventStore) return;
    const lock = this.config.databaseUrl ? new PgAdvisoryRelayLock(this.config.databaseUrl) : undefined;
    this.relay = new Relay(this.eventStore, this.bus, {
      lock,
      logger: this.logger.child({ component: 'relay' }),
      onFatal: (error) => this.logger.fatal({ err: error.message }, 'relay stopped'),
    });
    // A standby relay waits for the lock in the background; the process is ready without it.
    void this.relay.start().catch((error: unknown) => {
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'relay failed to start',
      );
    });
  }

  async ping(): Promise<void> {
    await this.sql?.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.relay?.stop();
    await this.bus.close();
    await this.eventStore?.close();
    await this.sql?.close();
  }
}

async function openBus(config: WardenConfig, logger: Logger, sql: SqlClient | undefined): Promise<Bus> {
  const busLogger = logger.child({ component: 'bus' });
  if (config.kafkaBrokers !== undefined) {
    return new KafkaBus({
      brokers: config.kafkaBrokers,
      clientId: config.serviceName,
      topicPrefix: config.topicPrefix,
      logger: busLogger,
    });
  }
  if (!sql) throw new Error('the embedded bus needs the event-store database');
  return SqlLogBus.open(sql, { topicPrefix: config.topicPrefix, logger: busLogger });
}
