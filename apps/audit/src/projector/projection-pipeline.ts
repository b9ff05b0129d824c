import type { Bus, Consumer, DeliveredMessage } from '@warden/bus';
import type { AuditOptions } from '../audit-options';
import { FlushBatcher, type StagedFlush } from './flush-batcher';

/** Bus handler calls of one partition that may wait for ClickHouse at once (each up to maxBatchRows). */
const BATCHES_IN_FLIGHT = 8;

export type PipelineOptions = Pick<
  AuditOptions,
  'groupId' | 'maxBatchRows' | 'maxBatchDelayMs' | 'batchIdleMs'
>;

export interface ProjectionPipeline {
  /** Stops consuming, then waits until every batch handed out is written. */
  close(): Promise<void>;
}

/**
 * Bus → batcher → `project` (prepare a batch, then write it). The bus hands over runs of messages; each run
 * joins the batcher and its call resolves when the batch holding it is written, so the bus commits a position
 * only after the rows are durable. The batcher orders rows at call time, so several runs of a partition can be
 * in flight while positions are still committed in order; runs of several partitions, and those arriving during
 * an insert, share one insert; the next batch is prepared while the current one is written.
 */
export async function startProjectionPipeline(
  bus: Bus,
  topics: readonly string[],
  project: StagedFlush<DeliveredMessage>,
  options: PipelineOptions,
): Promise<ProjectionPipeline> {
  const batcher = new FlushBatcher<DeliveredMessage>(
    project,
    options.maxBatchRows,
    options.maxBatchDelayMs,
    options.batchIdleMs,
  );
  const consumer: Consumer = await bus.consume({
    groupId: options.groupId,
    topics,
    maxBatchSize: options.maxBatchRows,
    maxInFlight: BATCHES_IN_FLIGHT,
    handleBatch: (messages) => batcher.addAll(messages),
  });
  return {
    close: async () => {
      await consumer.close();
      await batcher.drain();
    },
  };
}
