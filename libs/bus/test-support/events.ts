import { envelope, type CloudEvent } from '@warden/contracts';
import { randomUUID } from 'node:crypto';

/** A valid event of stream `streamId`; `seq` is carried in the name so tests can check order. */
export function renamedEvent(streamId: string, seq: number, id: string = randomUUID()): CloudEvent {
  return envelope({
    id,
    source: '/warden/test',
    type: 'warden.identity.organization.renamed.v1',
    time: new Date('2026-01-01T00:00:00.000Z'),
    subject: streamId,
    data: { organizationId: streamId, name: `r${seq}` },
    orgid: streamId,
    correlationid: 'corr-1',
    traceparent: '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01',
  });
}

/** A valid event of another type than `renamedEvent`'s, on the same stream. */
export function createdEvent(streamId: string, id: string = randomUUID()): CloudEvent {
  return envelope({
    id,
    source: '/warden/test',
    type: 'warden.identity.organization.created.v1',
    time: new Date('2026-01-01T00:00:00.000Z'),
    subject: streamId,
    data: { organizationId: streamId, name: 'created' },
    orgid: streamId,
  });
}

/** The sequence number `renamedEvent` put in the event. */
export function seqOf(event: CloudEvent): number {
  const data = event.data as { name?: unknown };
  return typeof data.name === 'string' ? Number(data.name.slice(1)) : NaN;
}

export function orgId(): string {
  return `org_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}
