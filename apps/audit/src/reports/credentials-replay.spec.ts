import { principalsWithAccess } from './access-window';
import { replayCredentials, type HistoryEvent } from './credentials-replay';

const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString();
let n = 0;
const ev = (minute: number, type: string, data: Record<string, unknown>): HistoryEvent => ({
  id: `evt_${String(n++).padStart(4, '0')}`,
  type,
  time: t(minute),
  data,
});

const history: HistoryEvent[] = [
  ev(0, 'warden.identity.principal.registered.v1', { principalId: 'prn_agent', kind: 'agent' }),
  ev(1, 'warden.identity.key.issued.v1', {
    keyId: 'key_1',
    principalId: 'prn_agent',
    prefix: 'wk_aaaaaaaa',
    expiresAt: t(30),
  }),
  ev(2, 'warden.policy.connection.created.v1', {
    connectionId: 'con_1',
    principalId: 'prn_agent',
    resourceId: 'res_db',
    version: 1,
    spec: { operations: [{ action: 'data.read', target: 'orders' }], failMode: 'closed' },
  }),
  ev(10, 'warden.identity.key.rotated.v1', {
    keyId: 'key_1',
    principalId: 'prn_agent',
    replacedBy: 'key_2',
    graceEndsAt: t(15),
  }),
  ev(10, 'warden.identity.key.issued.v1', {
    keyId: 'key_2',
    principalId: 'prn_agent',
    prefix: 'wk_bbbbbbbb',
  }),
  ev(20, 'warden.policy.connection.revoked.v1', { connectionId: 'con_1', version: 2, previousVersion: 1 }),
  ev(40, 'warden.identity.principal.revoked.v1', { principalId: 'prn_agent' }),
];

describe('replayCredentials', () => {
  it('Given a key and a connection, When the report is taken after both, Then the principal holds the key and the grant', () => {
    expect(replayCredentials(history, t(5))).toEqual([
      {
        principalId: 'prn_agent',
        kind: 'agent',
        status: 'active',
        keys: [{ id: 'key_1', prefix: 'wk_aaaaaaaa', expiresAt: t(30) }],
        operations: [{ resourceId: 'res_db', action: 'data.read', target: 'orders' }],
      },
    ]);
  });

  it('Given a rotation, When the report is taken inside the grace period, Then both keys are listed; after it, only the new one', () => {
    expect(replayCredentials(history, t(12))[0]?.keys.map((k) => k.id)).toEqual(['key_1', 'key_2']);
    expect(replayCredentials(history, t(16))[0]?.keys.map((k) => k.id)).toEqual(['key_2']);
  });

  it('Given a revoked connection, When the report is taken after it, Then the grant is gone', () => {
    expect(replayCredentials(history, t(25))[0]?.operations).toEqual([]);
  });

  it('Given a revoked principal, When the report is taken after it, Then the principal is not listed', () => {
    expect(replayCredentials(history, t(41))).toEqual([]);
  });

  it('Given the instant before the first event, When the report is taken, Then it is empty', () => {
    expect(replayCredentials(history, new Date(Date.UTC(2026, 9, 1)).toISOString())).toEqual([]);
  });
});

describe('principalsWithAccess', () => {
  it('Given a connection live during part of the window, When asked, Then the principal could access the resource', () => {
    expect([...principalsWithAccess(history, 'res_db', t(15), t(60))]).toEqual(['prn_agent']);
  });

  it('Given a window after the connection was revoked, When asked, Then nobody could access it', () => {
    expect([...principalsWithAccess(history, 'res_db', t(21), t(60))]).toEqual([]);
  });

  it('Given another resource, When asked, Then nobody could access it', () => {
    expect([...principalsWithAccess(history, 'res_other', t(0), t(60))]).toEqual([]);
  });
});
