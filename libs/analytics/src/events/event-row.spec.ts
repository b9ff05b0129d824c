import { envelope } from '@warden/contracts';
import { toClickHouseTime, toEventRow } from './event-row';

describe('toEventRow', () => {
  it('Given a full envelope, When mapped, Then every attribute has its column and data is JSON text', () => {
    const event = envelope({
      id: 'evt_1',
      source: 'warden/identity',
      type: 'warden.identity.organization.created.v1',
      time: new Date('2026-11-26T10:20:30.456Z'),
      subject: 'org_1',
      data: { organizationId: 'org_1', name: "O'Brien & Co" },
      orgid: 'org_1',
      principalid: 'prn_1',
      correlationid: 'cor_1',
      causationid: 'cau_1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });

    expect(toEventRow(event, 'warden.identity.v1', new Date('2026-11-26T10:20:31Z'))).toEqual({
      id: 'evt_1',
      type: 'warden.identity.organization.created.v1',
      source: 'warden/identity',
      subject: 'org_1',
      time: '2026-11-26 10:20:30.456',
      orgid: 'org_1',
      principalid: 'prn_1',
      correlationid: 'cor_1',
      causationid: 'cau_1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: '{"organizationId":"org_1","name":"O\'Brien & Co"}',
      topic: 'warden.identity.v1',
      ingested_at: '2026-11-26 10:20:31.000',
    });
  });

  it('Given no optional extension attributes, When mapped, Then their columns are empty strings', () => {
    const event = envelope({
      id: 'e',
      source: 's',
      type: 't',
      time: '2026-01-01T00:00:00Z',
      subject: 'x',
      data: {},
      orgid: 'org_1',
    });

    expect(toEventRow(event, 'topic', new Date(0))).toMatchObject({
      principalid: '',
      correlationid: '',
      causationid: '',
      traceparent: '',
    });
  });

  it('Given a non-timestamp, When converted, Then it is refused', () => {
    expect(() => toClickHouseTime('yesterday')).toThrow('not a timestamp');
  });
});
