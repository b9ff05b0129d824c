import type { IdentityEventData } from '@warden/contracts';
import { decider } from '@warden/testing';
import type { PrincipalCommand } from './principal.commands';
import { decidePrincipal } from './principal.decide';
import {
  evolvePrincipal,
  initialPrincipal,
  isKeyExpired,
  type PrincipalEvent,
  type PrincipalState,
} from './principal.state';

const spec = decider(decidePrincipal, evolvePrincipal, initialPrincipal);
const ORG = 'org_a';
const PRN = 'prn_agent';
const OWNER = 'prn_owner';
const now = new Date('2026-11-26T10:00:00.000Z');
const later = (seconds: number): Date => new Date(now.getTime() + seconds * 1000);
const ids = { principalId: PRN, organizationId: ORG };
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);

const registered = (
  over: Partial<IdentityEventData['warden.identity.principal.registered.v1']> = {},
): PrincipalEvent => ({
  type: 'warden.identity.principal.registered.v1',
  data: { ...ids, kind: 'agent', name: 'bot', attributes: {}, roles: [], ...over },
});
const suspended: PrincipalEvent = { type: 'warden.identity.principal.suspended.v1', data: ids };
const reactivated: PrincipalEvent = { type: 'warden.identity.principal.reactivated.v1', data: ids };
const revoked: PrincipalEvent = { type: 'warden.identity.principal.revoked.v1', data: ids };
const keyIssued = (
  keyId = 'key_1',
  over: Partial<IdentityEventData['warden.identity.key.issued.v1']> = {},
): PrincipalEvent => ({
  type: 'warden.identity.key.issued.v1',
  data: { keyId, ...ids, prefix: 'wk_AAAAAAAA', secretHash: hashA, issuedAt: now.toISOString(), ...over },
});
const keyRevoked = (keyId = 'key_1'): PrincipalEvent => ({
  type: 'warden.identity.key.revoked.v1',
  data: { keyId, ...ids },
});

const register = (
  over: Partial<Extract<PrincipalCommand, { type: 'RegisterPrincipal' }>['data']> = {},
): PrincipalCommand => ({
  type: 'RegisterPrincipal',
  data: { ...ids, kind: 'agent', name: 'bot', attributes: {}, roles: [], ...over },
});
const issue = (
  over: Partial<Extract<PrincipalCommand, { type: 'IssueKey' }>['data']> = {},
): PrincipalCommand => ({
  type: 'IssueKey',
  data: { keyId: 'key_1', prefix: 'wk_AAAAAAAA', secretHash: hashA, now, ...over },
});
const rotate = (
  over: Partial<Extract<PrincipalCommand, { type: 'RotateKey' }>['data']> = {},
): PrincipalCommand => ({
  type: 'RotateKey',
  data: {
    keyId: 'key_1',
    newKeyId: 'key_2',
    newPrefix: 'wk_BBBBBBBB',
    newSecretHash: hashB,
    gracePeriodSeconds: 3600,
    now,
    ...over,
  },
});
const owner = { principalId: OWNER, organizationId: ORG, kind: 'human' as const, status: 'active' as const };

describe('principal decisions', () => {
  describe('RegisterPrincipal', () => {
    it('given nothing, when registering an agent owned by a human, then principal.registered', () => {
      spec
        .given([])
        .when(register({ ownerId: OWNER, owner, attributes: { team: 'fin', labels: { a: 'b' } } }))
        .then([registered({ ownerId: OWNER, attributes: { team: 'fin', labels: { a: 'b' } } })]);
    });
    it('given a registered principal, when registering it again, then rejected', () => {
      spec.given([registered()]).when(register()).thenRejects('principal_exists');
    });
    it('given nothing, when an agent asks for an admin role, then rejected', () => {
      spec
        .given([])
        .when(register({ roles: ['admin'] }))
        .thenRejects('roles_not_allowed');
    });
    it('given nothing, when an mcp_server asks for a role, then rejected', () => {
      spec
        .given([])
        .when(register({ kind: 'mcp_server', roles: ['auditor'] }))
        .thenRejects('roles_not_allowed');
    });
    it('given nothing, when a human owner is registered with roles and an OIDC identity, then registered and oidc.bound', () => {
      spec
        .given([])
        .when(
          register({
            kind: 'human',
            roles: ['owner', 'owner'],
            oidc: { issuer: 'https://idp', subject: 's1' },
          }),
        )
        .then([
          registered({ kind: 'human', roles: ['owner'] }),
          { type: 'warden.identity.oidc.bound.v1', data: { ...ids, issuer: 'https://idp', subject: 's1' } },
        ]);
    });
    it('given nothing, when an agent is given an OIDC identity, then rejected', () => {
      spec
        .given([])
        .when(register({ oidc: { issuer: 'https://idp', subject: 's1' } }))
        .thenRejects('oidc_only_for_humans');
    });
    it('given nothing, when the owner is unknown or in another organization, then rejected', () => {
      spec
        .given([])
        .when(register({ ownerId: OWNER }))
        .thenRejects('owner_not_found');
      spec
        .given([])
        .when(register({ ownerId: OWNER, owner: { ...owner, organizationId: 'org_b' } }))
        .thenRejects('owner_not_found');
    });
    it('given nothing, when the owner is not a human, then rejected', () => {
      spec
        .given([])
        .when(register({ ownerId: OWNER, owner: { ...owner, kind: 'application' } }))
        .thenRejects('owner_not_human');
    });
    it('given nothing, when the owner is revoked, then rejected', () => {
      spec
        .given([])
        .when(register({ ownerId: OWNER, owner: { ...owner, status: 'revoked' } }))
        .thenRejects('owner_revoked');
    });
  });

  describe('SuspendPrincipal', () => {
    it('given an active principal, when suspending, then principal.suspended with the reason', () => {
      spec
        .given([registered()])
        .when({ type: 'SuspendPrincipal', data: { reason: 'incident' } })
        .then([{ type: 'warden.identity.principal.suspended.v1', data: { ...ids, reason: 'incident' } }]);
    });
    it('given a revoked principal, when suspending, then rejected', () => {
      spec
        .given([registered(), revoked])
        .when({ type: 'SuspendPrincipal', data: {} })
        .thenRejects('principal_revoked');
    });
    it('given a suspended principal, when suspending again, then rejected', () => {
      spec
        .given([registered(), suspended])
        .when({ type: 'SuspendPrincipal', data: {} })
        .thenRejects('principal_suspended');
    });
    it('given no principal, when suspending, then not found', () => {
      spec.given([]).when({ type: 'SuspendPrincipal', data: {} }).thenRejects('principal_not_found');
    });
  });

  describe('ReactivatePrincipal', () => {
    it('given a suspended principal, when reactivating, then principal.reactivated', () => {
      spec
        .given([registered(), suspended])
        .when({ type: 'ReactivatePrincipal', data: {} })
        .then([reactivated]);
    });
    it('given an active principal, when reactivating, then rejected', () => {
      spec
        .given([registered()])
        .when({ type: 'ReactivatePrincipal', data: {} })
        .thenRejects('principal_not_suspended');
    });
    it('given a revoked principal, when reactivating, then rejected', () => {
      spec
        .given([registered(), suspended, revoked])
        .when({ type: 'ReactivatePrincipal', data: {} })
        .thenRejects('principal_revoked');
    });
    it('given keys issued, one revoked, then a suspension and a reactivation, then the unrevoked key is active again', () => {
      spec
        .given([
          registered(),
          keyIssued('key_1'),
          keyIssued('key_2', { secretHash: hashB }),
          keyRevoked('key_2'),
          suspended,
          reactivated,
        ])
        .thenState((state: PrincipalState) => {
          expect(state.registered && state.status).toBe('active');
          expect(state.registered && state.keys.key_1?.status).toBe('active');
          expect(state.registered && state.keys.key_2?.status).toBe('revoked');
        });
    });
  });

  describe('RevokePrincipal', () => {
    it('given an active principal with two live keys and one revoked, when revoking, then the principal and its live keys are revoked', () => {
      spec
        .given([
          registered(),
          keyIssued('key_1'),
          keyIssued('key_2', { secretHash: hashB }),
          keyIssued('key_3'),
          keyRevoked('key_3'),
        ])
        .when({ type: 'RevokePrincipal', data: {} })
        .then([revoked, keyRevoked('key_1'), keyRevoked('key_2')]);
    });
    it('given a suspended principal, when revoking, then revoked', () => {
      spec
        .given([registered(), suspended])
        .when({ type: 'RevokePrincipal', data: { reason: 'left' } })
        .then([{ type: 'warden.identity.principal.revoked.v1', data: { ...ids, reason: 'left' } }]);
    });
    it('given a revoked principal, when revoking again, then rejected (final)', () => {
      spec
        .given([registered(), revoked])
        .when({ type: 'RevokePrincipal', data: {} })
        .thenRejects('principal_revoked');
    });
  });

  describe('IssueKey', () => {
    it('given an active principal, when issuing a key with an expiry, then key.issued with hash and prefix only', () => {
      spec
        .given([registered()])
        .when(issue({ name: 'ci', expiresAt: later(60) }))
        .then([keyIssued('key_1', { name: 'ci', expiresAt: later(60).toISOString() })]);
    });
    it('given a suspended principal, when issuing a key, then rejected', () => {
      spec.given([registered(), suspended]).when(issue()).thenRejects('principal_not_active');
    });
    it('given a revoked principal, when issuing a key, then rejected', () => {
      spec.given([registered(), revoked]).when(issue()).thenRejects('principal_revoked');
    });
    it('given an active principal, when the expiry is not in the future, then rejected', () => {
      spec
        .given([registered()])
        .when(issue({ expiresAt: now }))
        .thenRejects('expiry_in_past');
    });
    it('given a key with that id, when issuing it again, then rejected', () => {
      spec.given([registered(), keyIssued()]).when(issue()).thenRejects('key_exists');
    });
  });

  describe('RotateKey', () => {
    it('given a live key, when rotating with a grace period, then a new key (same lifetime) and key.rotated ending at now + grace', () => {
      const issuedEarlier = new Date(now.getTime() - 1000 * 60);
      spec
        .given([
          registered(),
          keyIssued('key_1', {
            name: 'ci',
            issuedAt: issuedEarlier.toISOString(),
            expiresAt: later(3600).toISOString(),
          }),
        ])
        .when(rotate())
        .then([
          keyIssued('key_2', {
            name: 'ci',
            prefix: 'wk_BBBBBBBB',
            secretHash: hashB,
            expiresAt: later(3660).toISOString(),
            rotatedFrom: 'key_1',
          }),
          {
            type: 'warden.identity.key.rotated.v1',
            data: { keyId: 'key_1', ...ids, replacedBy: 'key_2', graceEndsAt: later(3600).toISOString() },
          },
        ]);
    });
    it('given a revoked key, when rotating, then rejected', () => {
      spec.given([registered(), keyIssued(), keyRevoked()]).when(rotate()).thenRejects('key_revoked');
    });
    it('given an expired key, when rotating, then rejected', () => {
      spec
        .given([registered(), keyIssued('key_1', { expiresAt: now.toISOString() })])
        .when(rotate())
        .thenRejects('key_expired');
    });
    it('given a key already rotated, when rotating it again, then rejected', () => {
      spec
        .given([
          registered(),
          keyIssued(),
          {
            type: 'warden.identity.key.rotated.v1',
            data: { keyId: 'key_1', ...ids, replacedBy: 'key_2', graceEndsAt: later(60).toISOString() },
          },
        ])
        .when(rotate({ newKeyId: 'key_3' }))
        .thenRejects('key_already_rotated');
    });
    it('given an unknown key, when rotating, then not found', () => {
      spec.given([registered()]).when(rotate()).thenRejects('key_not_found');
    });
    it('given a suspended principal, when rotating, then rejected', () => {
      spec.given([registered(), keyIssued(), suspended]).when(rotate()).thenRejects('principal_not_active');
    });
    it('given a live key, when the grace period is out of bounds, then rejected', () => {
      spec
        .given([registered(), keyIssued()])
        .when(rotate({ gracePeriodSeconds: -1 }))
        .thenRejects('invalid_grace_period');
      spec
        .given([registered(), keyIssued()])
        .when(rotate({ gracePeriodSeconds: 31 * 24 * 3600 }))
        .thenRejects('invalid_grace_period');
    });
    it('given a rotation, then the old key works during the grace period and stops at its end', () => {
      spec
        .given([
          registered(),
          keyIssued(),
          ...decidePrincipal(rotate(), [registered(), keyIssued()].reduce(evolvePrincipal, initialPrincipal)),
        ])
        .thenState((state) => {
          const old = state.registered ? state.keys.key_1 : undefined;
          expect(old && isKeyExpired(old, later(3599))).toBe(false);
          expect(old && isKeyExpired(old, later(3600))).toBe(true);
        });
    });
  });

  describe('RevokeKey', () => {
    it('given a live key, when revoking it, then key.revoked', () => {
      spec
        .given([registered(), keyIssued()])
        .when({ type: 'RevokeKey', data: { keyId: 'key_1' } })
        .then([keyRevoked()]);
    });
    it('given a revoked key, when revoking it again, then rejected', () => {
      spec
        .given([registered(), keyIssued(), keyRevoked()])
        .when({ type: 'RevokeKey', data: { keyId: 'key_1' } })
        .thenRejects('key_revoked');
    });
    it('given an unknown key, when revoking, then not found', () => {
      spec
        .given([registered()])
        .when({ type: 'RevokeKey', data: { keyId: 'key_9' } })
        .thenRejects('key_not_found');
    });
    it('given a suspended principal, when revoking one of its keys, then key.revoked', () => {
      spec
        .given([registered(), keyIssued(), suspended])
        .when({ type: 'RevokeKey', data: { keyId: 'key_1' } })
        .then([keyRevoked()]);
    });
  });

  describe('BindOidc', () => {
    const bind: PrincipalCommand = { type: 'BindOidc', data: { issuer: 'https://idp', subject: 's1' } };
    const bound: PrincipalEvent = {
      type: 'warden.identity.oidc.bound.v1',
      data: { ...ids, issuer: 'https://idp', subject: 's1' },
    };
    it('given a human, when binding an OIDC identity, then oidc.bound', () => {
      spec
        .given([registered({ kind: 'human' })])
        .when(bind)
        .then([bound]);
    });
    it('given a human already bound to it, when binding again, then rejected', () => {
      spec
        .given([registered({ kind: 'human' }), bound])
        .when(bind)
        .thenRejects('oidc_already_bound');
    });
    it('given an agent, when binding, then rejected', () => {
      spec.given([registered()]).when(bind).thenRejects('oidc_only_for_humans');
    });
    it('given a revoked human, when binding, then rejected', () => {
      spec
        .given([registered({ kind: 'human' }), revoked])
        .when(bind)
        .thenRejects('principal_revoked');
    });
  });
});
