import { envelope, type CloudEvent } from '@warden/contracts';
import { newId } from './ids';
import type { RequestContext } from './request-context';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A guardrails event in its CloudEvent envelope: `principalid` is who acted, `subject` the aggregate. */
export function guardrailsEnvelope(
  event: { readonly type: string; readonly data: object },
  source: string,
  subject: string,
  organizationId: string,
  ctx: RequestContext,
  causationId: string,
): CloudEvent {
  return envelope({
    id: newId('evt'),
    source,
    type: event.type,
    time: ctx.now,
    subject,
    data: event.data,
    orgid: organizationId,
    principalid: ctx.caller.principalId,
    correlationid: ctx.requestId.slice(0, 128),
    causationid: causationId,
    ...(ctx.traceparent !== undefined && TRACEPARENT.test(ctx.traceparent)
      ? { traceparent: ctx.traceparent }
      : {}),
  });
}
