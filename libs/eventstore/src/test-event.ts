import { randomUUID } from 'node:crypto';
import { envelope, type CloudEvent } from '@warden/contracts';

let sequence = 0;

/** A valid envelope for store tests and measurements; a fresh id each call. */
export function testEvent(streamId: string, label = `n${++sequence}`): CloudEvent {
  return envelope({
    id: randomUUID(),
    source: 'warden.test',
    type: 'warden.test.thing.happened.v1',
    time: new Date('2026-11-26T00:00:00.000Z'),
    subject: streamId,
    data: { label, nested: { list: [1, 'two', null], flag: true } },
    orgid: 'org-test',
    correlationid: 'corr-1',
  });
}
