import { envelope, type CloudEvent, type IdentityEventData } from '@warden/contracts';
import { IdentityReadModel } from './identity-read-model';

let seq = 0;
function ev<K extends keyof IdentityEventData>(
  type: K,
  data: IdentityEventData[K],
  orgid: string,
): CloudEvent {
  seq += 1;
  return envelope({
    id: `evt_${seq}`,
    source: 't',
    type,
    time: new Date(Date.UTC(2026, 10, 26, 0, 0, seq)),
    subject: 's',
    data,
    orgid,
  });
}
const registered = (principalId: string, organizationId: string, kind: 'agent' | 'human' = 'agent') =>
  ev(
    'warden.identity.principal.registered.v1',
    { principalId, organizationId, kind, name: principalId, attributes: {}, roles: [] },
    organizationId,
  );

describe('IdentityReadModel', () => {
  const model = new IdentityReadModel();
  let position = 0;
  const apply = (e: CloudEvent): void => model.apply(e, ++position);

  beforeAll(() => {
    apply(ev('warden.identity.organization.created.v1', { organizationId: 'org_a', name: 'A' }, 'org_a'));
    apply(registered('prn_1', 'org_a', 'human'));
    apply(registered('prn_x', 'org_b'));
    apply(registered('prn_2', 'org_a'));
    apply(registered('prn_3', 'org_a'));
    apply(
      ev(
        'warden.identity.principal.suspended.v1',
        { principalId: 'prn_2', organizationId: 'org_a' },
        'org_a',
      ),
    );
    apply(
      ev(
        'warden.identity.key.issued.v1',
        {
          keyId: 'key_1',
          principalId: 'prn_3',
          organizationId: 'org_a',
          prefix: 'wk_AAAAAAAA',
          secretHash: 'a'.repeat(64),
          issuedAt: '2026-11-26T00:00:00.000Z',
        },
        'org_a',
      ),
    );
  });

  it('given principals of two organizations, then each is found only in its own organization', () => {
    expect(model.principal('org_a', 'prn_1')?.name).toBe('prn_1');
    expect(model.principal('org_a', 'prn_x')).toBeUndefined();
    expect(model.principal('org_b', 'prn_x')?.organizationId).toBe('org_b');
  });

  it('given changes, then versions count the events of the principal stream', () => {
    expect(model.principal('org_a', 'prn_2')).toMatchObject({ status: 'suspended', version: 2 });
    expect(model.principal('org_a', 'prn_3')).toMatchObject({
      version: 2,
      keys: [{ id: 'key_1', status: 'active' }],
    });
  });

  it('lists in registration order, page by page, with filters', () => {
    const first = model.listPrincipals('org_a', {}, 0, 2);
    expect(first.items.map((p) => p.id)).toEqual(['prn_1', 'prn_2']);
    expect(first.more).toBe(true);
    const second = model.listPrincipals('org_a', {}, first.items[1]?.position ?? 0, 2);
    expect([second.items.map((p) => p.id), second.more]).toEqual([['prn_3'], false]);
    expect(model.listPrincipals('org_a', { status: 'suspended' }, 0, 10).items.map((p) => p.id)).toEqual([
      'prn_2',
    ]);
    expect(model.listPrincipals('org_a', { kind: 'human' }, 0, 10).items.map((p) => p.id)).toEqual(['prn_1']);
  });

  it('records last use from usage reports of the same organization only, without changing the version', () => {
    model.recordUsage({
      organizationId: 'org_b',
      usages: [{ keyId: 'key_1', principalId: 'prn_3', lastUsedAt: '2026-11-26T01:00:00.000Z', count: 1 }],
    });
    expect(model.principal('org_a', 'prn_3')?.keys[0]?.lastUsedAt).toBeUndefined();
    model.recordUsage({
      organizationId: 'org_a',
      usages: [{ keyId: 'key_1', principalId: 'prn_3', lastUsedAt: '2026-11-26T02:00:00.000Z', count: 4 }],
    });
    expect(model.principal('org_a', 'prn_3')).toMatchObject({
      version: 2,
      keys: [{ lastUsedAt: '2026-11-26T02:00:00.000Z' }],
    });
  });
});
