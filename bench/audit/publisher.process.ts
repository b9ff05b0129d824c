/**
 * The producer half of `npm run bench:audit`'s paced phase from another process, as in production (the ingress
 * publishes from its own process), so that producing never shares an event loop with the projector. Receives
 * one `PublishJob` over IPC, publishes decision events at the job's rate, each with `time` = the moment its
 * slice was handed to the producer (the consumer measures time-to-queryable against it), sends
 * `{ done: PublishDone }` and exits.
 */
import { KafkaBus } from '@warden/bus';
import { TOPICS } from '@warden/contracts';
import pino from 'pino';
import { decisionEvent } from '../../apps/audit/test/fixture-events';

export interface PublishJob {
  readonly brokers: readonly string[];
  readonly topicPrefix: string;
  readonly org: string;
  /** Number of the first event (ids are `evt_dec_<org>_<n>`). */
  readonly from: number;
  readonly rate: number;
  readonly seconds: number;
  readonly sliceMs: number;
}

export interface PublishDone {
  /** Events published at the job's rate (the warm-up event not included). */
  readonly published: number;
  readonly seconds: number;
  /** CPU time this process spent publishing them (user + system, ms). */
  readonly cpuMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(job: PublishJob): Promise<PublishDone> {
  const bus = new KafkaBus({
    brokers: job.brokers,
    topicPrefix: job.topicPrefix,
    logger: pino({ level: 'warn' }),
  });
  try {
    const perSlice = Math.max(1, Math.round((job.rate * job.sliceMs) / 1000));
    const slices = Math.max(1, Math.round((job.seconds * 1000) / job.sliceMs));
    // One event connects the producer before the clock starts; the consumer counts it like the others.
    const warmUp = decisionEvent(job.from, job.org, { time: new Date() });
    await bus.publish(TOPICS.decisions, [{ key: warmUp.subject, event: warmUp }]);
    let next = job.from + 1;
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let k = 0; k < slices; k++) {
      const due = start + k * job.sliceMs;
      if (due > performance.now()) await sleep(due - performance.now());
      const time = new Date();
      const events = Array.from({ length: perSlice }, () => decisionEvent(next++, job.org, { time }));
      await bus.publish(
        TOPICS.decisions,
        events.map((event) => ({ key: event.subject, event })),
      );
    }
    const used = process.cpuUsage(cpu);
    return {
      published: next - job.from - 1,
      seconds: (performance.now() - start) / 1000,
      cpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    await bus.close();
  }
}

process.once('message', (job: PublishJob) => {
  run(job).then(
    (done) => process.send?.({ done }, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
