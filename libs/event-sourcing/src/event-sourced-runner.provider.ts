import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { EventSourcedRunner } from './event-sourced-runner';

/** Provides the runner on the process's event store, `source` = the service name, errors mapped by `toHttpError`. */
export function eventSourcedRunnerProvider(toHttpError?: (error: unknown) => unknown): Provider {
  return {
    provide: EventSourcedRunner,
    useFactory: (store: EventStore, config: WardenConfig) =>
      new EventSourcedRunner(store, {
        source: config.serviceName,
        ...(toHttpError !== undefined && { toHttpError }),
      }),
    inject: [EVENT_STORE, WARDEN_CONFIG],
  };
}
