import { envelope, type CloudEvent, type IdentityEventData } from '@warden/contracts';
import { AuthProjection } from './auth-projection';
import { generateKeySecret } from './key-secret';
import { KeyUsageTracker } from './key-usage-tracker';

const ORG = 'org_a';
const PRN = 'prn_a';
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
let seq = 0;

function ev<K extends keyof IdentityEventData>(
  type: K,
  data: IdentityEventData[K],
  time: Date = t0,
): CloudEvent {
  seq += 1;
  return envelope({ id: `evt_${seq}`, source: 'test', type, time, subject: PRN, data, orgid: ORG });
}
const ids = { principalId: PRN, organizationId: ORG };
const registered = (kind: 'agent' | 'human' = 'agent') =>
  ev('warden.identity.principal.registered.v1', {
    ...ids,
    kind,
    name: 'bot',
    attributes: {},
    roles: kind === 'human' ? ['admin'] : [],
  });
const issued = (keyId: string, secretHash: string, expiresAt?: Date) =>
  ev('warden.identity.key.issued.v1', {
    keyId,
    ...ids,
    prefix: 'wk_AAAAAAAA',
    secretHash,
    issuedAt: t0.toISOString(),
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  });

describe('AuthProjection', () => {
  const key = generateKeySecret();

  it('given a registered principal and an issued key, when authenticating its secret, then the principal', () => {
    const p = new AuthProjection();
    [registered(), issued('key_1', key.secretHash)].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, t0)).toEqual({
      ok: true,
      keyId: 'key_1',
      principal: { principalId: PRN, organizationId: ORG, kind: 'agent', name: 'bot', roles: [] },
    });
  });

  it('given no such key, when authenticating, then unknown; and a non-key string is malformed', () => {
    const p = new AuthProjection();
    p.apply(registered());
    expect(p.authenticate(generateKeySecret().secret, t0)).toEqual({ ok: false, reason: 'unknown' });
    expect(p.authenticate('Bearer nope', t0)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('given a revoked key, when authenticating, then revoked', () => {
    const p = new AuthProjection();
    [
      registered(),
      issued('key_1', key.secretHash),
      ev('warden.identity.key.revoked.v1', { keyId: 'key_1', ...ids }),
    ].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, t0)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('given a key with an expiry, then it works until the expiry and is expired from it on', () => {
    const p = new AuthProjection();
    [registered(), issued('key_1', key.secretHash, at(60))].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, at(59)).ok).toBe(true);
    expect(p.authenticate(key.secret, at(60))).toEqual({ ok: false, reason: 'expired' });
  });

  it('given a rotation, then old and new keys both work during the grace period and only the new one after', () => {
    const next = generateKeySecret();
    const p = new AuthProjection();
    [
      registered(),
      issued('key_1', key.secretHash),
      issued('key_2', next.secretHash),
      ev('warden.identity.key.rotated.v1', {
        keyId: 'key_1',
        ...ids,
        replacedBy: 'key_2',
        graceEndsAt: at(30).toISOString(),
      }),
    ].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, at(29)).ok).toBe(true);
    expect(p.authenticate(next.secret, at(29)).ok).toBe(true);
    expect(p.authenticate(key.secret, at(30))).toEqual({ ok: false, reason: 'expired' });
    expect(p.authenticate(next.secret, at(30)).ok).toBe(true);
  });

  it('given a suspension, then the key stops at once; after reactivation it works again', () => {
    const p = new AuthProjection();
    [
      registered(),
      issued('key_1', key.secretHash),
      ev('warden.identity.principal.suspended.v1', ids),
    ].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, t0)).toEqual({ ok: false, reason: 'principal_suspended' });
    p.apply(ev('warden.identity.principal.reactivated.v1', ids));
    expect(p.authenticate(key.secret, t0).ok).toBe(true);
  });

  it('given a revoked principal, then its key is refused with principal_revoked, even if a late reactivation arrives', () => {
    const p = new AuthProjection();
    [
      registered(),
      issued('key_1', key.secretHash),
      ev('warden.identity.principal.revoked.v1', ids),
      ev('warden.identity.principal.reactivated.v1', ids),
    ].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, t0)).toEqual({ ok: false, reason: 'principal_revoked' });
  });

  it('given a redelivered suspension (same event id) after a reactivation, then it is ignored', () => {
    const p = new AuthProjection();
    const suspension = ev('warden.identity.principal.suspended.v1', ids);
    [
      registered(),
      issued('key_1', key.secretHash),
      suspension,
      ev('warden.identity.principal.reactivated.v1', ids),
      suspension,
    ].forEach((e) => p.apply(e));
    expect(p.authenticate(key.secret, t0).ok).toBe(true);
  });

  it('given an OIDC binding, then the (issuer, subject) maps to the principal', () => {
    const p = new AuthProjection();
    [
      registered('human'),
      ev('warden.identity.oidc.bound.v1', { ...ids, issuer: 'https://idp', subject: 'u1' }),
    ].forEach((e) => p.apply(e));
    expect(p.principalIdForOidc('https://idp', 'u1')).toBe(PRN);
    expect(p.principalIdForOidc('https://other', 'u1')).toBeUndefined();
    expect(p.principal(PRN)?.roles).toEqual(['admin']);
  });

  it('exposes its lag: position, event age and staleness since the last catch-up', () => {
    const p = new AuthProjection();
    expect(p.lag(t0).stalenessMs).toBe(Number.POSITIVE_INFINITY);
    p.apply(registered(), 7);
    p.markCaughtUp(at(1));
    expect(p.lag(at(3))).toEqual({
      lastPosition: '7',
      lastEventTime: t0.toISOString(),
      lastEventAgeMs: 3000,
      caughtUpAt: at(1).toISOString(),
      stalenessMs: 2000,
      eventsApplied: 1,
    });
  });

  it('records successful authentications in the usage sink, batched per key', () => {
    const tracker = new KeyUsageTracker();
    const p = new AuthProjection(tracker);
    [registered(), issued('key_1', key.secretHash)].forEach((e) => p.apply(e));
    p.authenticate(key.secret, at(1));
    p.authenticate(key.secret, at(5));
    p.authenticate(generateKeySecret().secret, at(6));
    expect(tracker.drain()).toEqual([
      {
        organizationId: ORG,
        usages: [{ keyId: 'key_1', principalId: PRN, lastUsedAt: at(5).toISOString(), count: 2 }],
      },
    ]);
    expect(tracker.drain()).toEqual([]);
  });
});
