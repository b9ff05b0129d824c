import { TOPICS, type CloudEvent } from '@warden/contracts';
import type { Bus, Consumer } from '@warden/bus';
import type { AuthProjection } from './auth-projection';

export interface AuthProjectionFeedOptions {
  readonly bus: Pick<Bus, 'consume'>;
  readonly projection: AuthProjection;
  /**
   * Must be unique per process: every replica needs every identity event, so replicas must not share a group
   * (a shared group would split the partitions between them). The group reads the topic from the beginning.
   */
  readonly groupId: string;
  readonly topic?: string;
  /** Called after each event was applied (metrics, tests). */
  readonly onApplied?: (event: CloudEvent) => void;
  readonly clock?: () => Date;
}

/**
 * Keeps an AuthProjection current from the identity topic: the way a process other than identity
 * (the ingress) authenticates keys locally. Redeliveries are ignored by the projection (event id).
 */
export function startAuthProjectionFeed(options: AuthProjectionFeedOptions): Promise<Consumer> {
  const clock = options.clock ?? (() => new Date());
  return options.bus.consume({
    groupId: options.groupId,
    topics: [options.topic ?? TOPICS.identity],
    fromBeginning: true,
    handle: (message) => {
      options.projection.apply(message.event, `${message.partition}:${message.offset}`);
      options.projection.markApplied(clock());
      options.onApplied?.(message.event);
      return Promise.resolve();
    },
  });
}
