import { envelope, TOPICS, type CloudEvent, type KeyUsedV1 } from '@warden/contracts';
import type { KeyUsageSink } from './auth-projection';

interface Pending {
  principalId: string;
  organizationId: string;
  lastUsedAt: number;
  count: number;
}

const MAX_USAGES_PER_EVENT = 1000;

/**
 * Collects last-used times in memory (one map write per authentication) and hands them out in batches:
 * at most one `warden.identity.key.used.v1` per organization per flush, never a write per request.
 */
export class KeyUsageTracker implements KeyUsageSink {
  private pending = new Map<string, Pending>();

  record(usage: { keyId: string; principalId: string; organizationId: string; at: Date }): void {
    const current = this.pending.get(usage.keyId);
    if (current) {
      current.count += 1;
      current.lastUsedAt = Math.max(current.lastUsedAt, usage.at.getTime());
    } else {
      this.pending.set(usage.keyId, {
        principalId: usage.principalId,
        organizationId: usage.organizationId,
        lastUsedAt: usage.at.getTime(),
        count: 1,
      });
    }
  }

  /** Takes everything collected so far, grouped per organization, and starts a new batch. */
  drain(): KeyUsedV1[] {
    const byOrg = new Map<string, KeyUsedV1['usages'][number][]>();
    for (const [keyId, p] of this.pending) {
      const list = byOrg.get(p.organizationId) ?? [];
      list.push({
        keyId,
        principalId: p.principalId,
        lastUsedAt: new Date(p.lastUsedAt).toISOString(),
        count: p.count,
      });
      byOrg.set(p.organizationId, list);
    }
    this.pending = new Map();
    const batches: KeyUsedV1[] = [];
    for (const [organizationId, usages] of byOrg) {
      for (let i = 0; i < usages.length; i += MAX_USAGES_PER_EVENT) {
        batches.push({ organizationId, usages: usages.slice(i, i + MAX_USAGES_PER_EVENT) });
      }
    }
    return batches;
  }

  /** Puts a drained batch back (e.g. when publishing it failed), keeping the newest time and adding counts. */
  restore(batches: readonly KeyUsedV1[]): void {
    for (const batch of batches) {
      for (const u of batch.usages) {
        const current = this.pending.get(u.keyId);
        const at = Date.parse(u.lastUsedAt);
        if (current) {
          current.count += u.count;
          current.lastUsedAt = Math.max(current.lastUsedAt, at);
        } else {
          this.pending.set(u.keyId, {
            principalId: u.principalId,
            organizationId: batch.organizationId,
            lastUsedAt: at,
            count: u.count,
          });
        }
      }
    }
  }
}

/** The part of the Bus port the flusher needs (structurally the `Bus` of @warden/bus). */
export interface UsagePublisher {
  publish(topic: string, messages: readonly { key: string; event: CloudEvent }[]): Promise<void>;
}

export interface KeyUsageFlusherOptions {
  readonly tracker: KeyUsageTracker;
  readonly bus: UsagePublisher;
  /** CloudEvents `source` of the reporting process. */
  readonly source: string;
  readonly topic?: string;
  readonly intervalMs?: number;
  readonly newId: () => string;
  readonly clock?: () => Date;
  readonly onError?: (error: unknown) => void;
}

export interface KeyUsageFlusher {
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function usageEvent(batch: KeyUsedV1, id: string, source: string, time: Date): CloudEvent {
  return envelope({
    id,
    source,
    type: 'warden.identity.key.used.v1',
    time,
    subject: batch.organizationId,
    data: batch,
    orgid: batch.organizationId,
  });
}

/** Publishes the tracker's batches on the identity topic every `intervalMs` (default 10 s) and on stop. */
export function startKeyUsageFlusher(options: KeyUsageFlusherOptions): KeyUsageFlusher {
  const { tracker, bus, source, newId } = options;
  const topic = options.topic ?? TOPICS.identity;
  const clock = options.clock ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  const flushOnce = async (): Promise<void> => {
    const batches = tracker.drain();
    if (batches.length === 0) return;
    try {
      const now = clock();
      await bus.publish(
        topic,
        batches.map((b) => ({ key: b.organizationId, event: usageEvent(b, newId(), source, now) })),
      );
    } catch (error) {
      tracker.restore(batches);
      options.onError?.(error);
    }
  };
  const flush = (): Promise<void> => (running = running.then(flushOnce));
  const timer = setInterval(() => void flush(), options.intervalMs ?? 10_000);
  timer.unref();
  return {
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
    },
  };
}
