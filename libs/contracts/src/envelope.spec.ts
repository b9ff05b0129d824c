import { EVENT_TYPES } from './catalog';
import { envelope, type EnvelopeInput } from './envelope';
import { EventSchemaRegistry } from './schema-registry';

const registry = new EventSchemaRegistry();
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function sampleOf(type: string): unknown {
  const schema: unknown = registry.schemaOf(type);
  const examples =
    typeof schema === 'object' && schema !== null ? (schema as { examples?: unknown }).examples : undefined;
  return Array.isArray(examples) ? examples[0] : undefined;
}

function input(overrides: Partial<EnvelopeInput<string, unknown>> = {}): EnvelopeInput<string, unknown> {
  return {
    id: 'evt_01hx',
    source: 'warden/identity',
    type: 'warden.identity.organization.created.v1',
    time: new Date('2026-11-26T08:00:00.000Z'),
    subject: 'org_01hx',
    data: { organizationId: 'org_01hx', name: 'Acme' },
    orgid: 'org_01hx',
    ...overrides,
  };
}

describe('envelope', () => {
  it('Given the required attributes, When built, Then a CloudEvents 1.0 envelope with ISO time and no undefined optionals comes out', () => {
    const event = envelope(input());

    expect(event).toEqual({
      specversion: '1.0',
      id: 'evt_01hx',
      source: 'warden/identity',
      type: 'warden.identity.organization.created.v1',
      time: '2026-11-26T08:00:00.000Z',
      subject: 'org_01hx',
      datacontenttype: 'application/json',
      data: { organizationId: 'org_01hx', name: 'Acme' },
      orgid: 'org_01hx',
    });
    expect(Object.keys(event)).not.toContain('traceparent');
  });

  it('Given the extension attributes, When built, Then they are carried', () => {
    const event = envelope(
      input({ principalid: 'prn_1', correlationid: 'cor_1', causationid: 'evt_0', traceparent: TRACEPARENT }),
    );

    expect(event).toMatchObject({
      principalid: 'prn_1',
      correlationid: 'cor_1',
      causationid: 'evt_0',
      traceparent: TRACEPARENT,
    });
    expect(registry.validate(event)).toEqual({ ok: true });
  });

  it.each([...EVENT_TYPES])(
    'Given the sample data of %s, When enveloped, Then the registry accepts the event',
    (type) => {
      const event = envelope(input({ type, data: sampleOf(type), traceparent: TRACEPARENT }));

      expect(registry.validate(event)).toEqual({ ok: true });
    },
  );
});

describe('EventSchemaRegistry.validate rejects bad envelopes', () => {
  it.each([
    ['a type without version', { type: 'warden.identity.organization.created' }, /^envelope: .*type/],
    ['a type with upper case', { type: 'Warden.Identity.Organization.Created.v1' }, /^envelope: .*type/],
    ['a type with three parts', { type: 'warden.identity.created.v1' }, /^envelope: .*type/],
    ['a well-formed but unknown type', { type: 'warden.identity.nothing.happened.v1' }, /unknown event type/],
    ['a malformed traceparent', { traceparent: 'not-a-traceparent' }, /^envelope: .*traceparent/],
    ['an upper-case traceparent', { traceparent: TRACEPARENT.toUpperCase() }, /^envelope: .*traceparent/],
    ['a time that is not RFC 3339', { time: '26/11/2026 08:00' }, /^envelope: .*time/],
    ['data that breaks the type schema', { data: { organizationId: 'org_1' } }, /^data: /],
  ])('Given %s, When validated, Then it is rejected naming the problem', (_label, overrides, reason) => {
    const result = registry.validate(envelope(input(overrides)));

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('Given an envelope missing orgid or carrying an unknown attribute, When validated, Then it is rejected', () => {
    const { orgid: _orgid, ...withoutOrg } = envelope(input());

    expect(registry.validate(withoutOrg).ok).toBe(false);
    expect(registry.validate({ ...envelope(input()), tenant: 'x' }).ok).toBe(false);
  });
});
