import { renamedEvent } from '../test-support/events';
import { decodeCloudEvent, encodeCloudEvent } from './cloud-event-codec';

describe('CloudEvents binary content mode', () => {
  it('Given an event, When encoded, Then attributes become ce_* headers and the value is the JSON data', () => {
    const event = renamedEvent('org_abc', 3, 'evt-1');

    const { headers, value } = encodeCloudEvent(event);

    expect(JSON.parse(value)).toEqual(event.data);
    expect(headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: 'evt-1',
      ce_source: '/warden/test',
      ce_type: 'warden.identity.organization.renamed.v1',
      ce_time: '2026-01-01T00:00:00.000Z',
      ce_subject: 'org_abc',
      ce_orgid: 'org_abc',
      ce_correlationid: 'corr-1',
      ce_traceparent: '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01',
    });
  });

  it('Given encoded headers and value, When decoded, Then the envelope is rebuilt exactly', () => {
    const event = renamedEvent('org_abc', 3);
    const { headers, value } = encodeCloudEvent(event);

    expect(decodeCloudEvent(headers, value)).toEqual({ ok: true, candidate: event });
  });

  it('Given a content-type with parameters, When decoded, Then only the media type is kept', () => {
    const { headers, value } = encodeCloudEvent(renamedEvent('org_abc', 0));

    const decoded = decodeCloudEvent(
      { ...headers, 'content-type': 'application/json; charset=utf-8' },
      value,
    );

    expect(decoded.ok && decoded.candidate.datacontenttype).toBe('application/json');
  });

  it('Given a value that is not JSON, When decoded, Then it fails with the reason', () => {
    const decoded = decodeCloudEvent({}, '{nope');

    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(/^value is not valid JSON/);
  });
});
