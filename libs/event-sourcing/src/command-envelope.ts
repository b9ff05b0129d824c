import { envelope, type CloudEvent } from '@warden/contracts';
import { actorOf, type CommandContext } from './command-context';
import { newId } from './ids';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export interface EnvelopeTarget {
  /** The producing service, e.g. `warden/identity`. */
  readonly source: string;
  /** The aggregate (stream) the event belongs to. */
  readonly subject: string;
  readonly orgId: string;
  readonly ctx: CommandContext;
  /** Shared by every event one command decided. */
  readonly causationId: string;
}

/** A decided event in its CloudEvent envelope: `principalid` is who acted, `subject` the aggregate acted on. */
export function commandEnvelope(
  event: { readonly type: string; readonly data: object },
  target: EnvelopeTarget,
): CloudEvent {
  const { ctx } = target;
  const actor = actorOf(ctx);
  return envelope({
    id: newId('evt'),
    source: target.source,
    type: event.type,
    time: ctx.now,
    subject: target.subject,
    data: event.data,
    orgid: target.orgId,
    ...(actor !== undefined && { principalid: actor }),
    correlationid: ctx.requestId.slice(0, 128),
    causationid: target.causationId,
    ...(ctx.traceparent !== undefined &&
      TRACEPARENT.test(ctx.traceparent) && { traceparent: ctx.traceparent }),
  });
}
