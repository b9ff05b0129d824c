import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import fc from 'fast-check';
import { given, rejectionOf } from '../testing/given-when-then';
import type { ConnectionCommand, CreateConnection } from './connection.commands';
import { decideConnection as decideWith, type ConnectionLookups } from './connection.decide';
import {
  evolveConnection,
  initialConnection,
  type ConnectionEvent,
  type ConnectionState,
} from './connection.state';

const SPEC: PolicyConnectionSpecV1 = {
  operations: [{ action: 'mcp.tool', target: 'fs.read', constraints: { path: { prefix: '/srv/' } } }],
  minTrust: 40,
  failMode: 'closed',
};

const create: CreateConnection = {
  type: 'CreateConnection',
  connectionId: 'con_1',
  orgId: 'org_1',
  principalId: 'prn_a',
  resourceId: 'res_fs',
  spec: SPEC,
};

/** Org 1's profiles as the projection has seen them; `gpr_other` is org 2's and so never in this set. */
const ORG_1_PROFILES: ConnectionLookups = { guardrailProfiles: new Set(['gpr_strict', 'gpr_lenient']) };

function decideConnection(
  command: ConnectionCommand,
  state: ConnectionState,
  lookups: ConnectionLookups = ORG_1_PROFILES,
): ConnectionEvent[] {
  return decideWith(command, state, lookups);
}

function history(...more: ((state: ConnectionState) => ConnectionEvent[])[]): ConnectionState {
  let state = given(initialConnection, evolveConnection, decideConnection(create, initialConnection));
  for (const step of more) state = given(state, evolveConnection, step(state));
  return state;
}

describe('decideConnection', () => {
  it('Given no connection, When created, Then version 1 holds the whole spec', () => {
    expect(decideConnection(create, initialConnection)).toEqual([
      {
        type: 'warden.policy.connection.created.v1',
        data: {
          connectionId: 'con_1',
          orgId: 'org_1',
          principalId: 'prn_a',
          resourceId: 'res_fs',
          version: 1,
          spec: SPEC,
        },
      },
    ]);
  });

  it('Given no connection, When created with no operations, Then it is rejected as invalid', () => {
    expect(
      rejectionOf(() => decideConnection({ ...create, spec: { ...SPEC, operations: [] } }, initialConnection))
        .code,
    ).toBe('connection_invalid');
  });

  it('Given a connection, When created again, Then it is rejected as existing', () => {
    expect(rejectionOf(() => decideConnection(create, history()))).toEqual({
      code: 'connection_exists',
      kind: 'conflict',
    });
  });

  it('Given v1, When patched (one field replaced, one removed), Then v2 carries the full new spec and the changed fields', () => {
    const [event] = decideConnection(
      { type: 'UpdateConnection', patch: { failMode: 'open', minTrust: null } },
      history(),
    );

    expect(event).toEqual({
      type: 'warden.policy.connection.updated.v1',
      data: {
        connectionId: 'con_1',
        orgId: 'org_1',
        version: 2,
        previousVersion: 1,
        spec: { operations: SPEC.operations, failMode: 'open' },
        changedFields: ['minTrust', 'failMode'],
      },
    });
  });

  it('Given v1, When patched with the values it already has, Then nothing is recorded', () => {
    expect(decideConnection({ type: 'UpdateConnection', patch: { minTrust: 40 } }, history())).toEqual([]);
  });

  it('Given no connection, When updated, Then it is not found', () => {
    expect(
      rejectionOf(() =>
        decideConnection({ type: 'UpdateConnection', patch: { minTrust: 1 } }, initialConnection),
      ),
    ).toEqual({
      code: 'connection_not_found',
      kind: 'not_found',
    });
  });

  it("Given v2 changed from v1, When rolled back to v1, Then v3 has v1's spec and names the rollback", () => {
    const state = history((s) => decideConnection({ type: 'UpdateConnection', patch: { minTrust: 90 } }, s));

    const [event] = decideConnection({ type: 'RollbackConnection', toVersion: 1 }, state);

    expect(event).toEqual({
      type: 'warden.policy.connection.updated.v1',
      data: {
        connectionId: 'con_1',
        orgId: 'org_1',
        version: 3,
        previousVersion: 2,
        spec: SPEC,
        changedFields: ['minTrust'],
        rolledBackToVersion: 1,
      },
    });
  });

  it.each([0, 2, 7])('Given v2, When rolled back to version %p, Then it is rejected', (toVersion) => {
    const state = history((s) => decideConnection({ type: 'UpdateConnection', patch: { minTrust: 90 } }, s));

    expect(rejectionOf(() => decideConnection({ type: 'RollbackConnection', toVersion }, state)).code).toBe(
      'version_invalid',
    );
  });

  it('Given an active connection, When revoked, Then a new version records the revocation', () => {
    expect(decideConnection({ type: 'RevokeConnection', reason: 'retired' }, history())).toEqual([
      {
        type: 'warden.policy.connection.revoked.v1',
        data: { connectionId: 'con_1', orgId: 'org_1', version: 2, previousVersion: 1, reason: 'retired' },
      },
    ]);
  });

  it('Given a revoked connection, When revoked again, Then nothing more is recorded; When updated, Then it is refused', () => {
    const state = history((s) => decideConnection({ type: 'RevokeConnection' }, s));

    expect(decideConnection({ type: 'RevokeConnection' }, state)).toEqual([]);
    expect(
      rejectionOf(() => decideConnection({ type: 'UpdateConnection', patch: { minTrust: 1 } }, state)).code,
    ).toBe('connection_revoked');
    expect(
      rejectionOf(() => decideConnection({ type: 'RollbackConnection', toVersion: 1 }, state)).code,
    ).toBe('connection_revoked');
  });

  describe('guardrail profile references', () => {
    const NOT_FOUND = { code: 'guardrail_profile_not_found', kind: 'not_found' };
    const naming = (guardrailProfileId: string): CreateConnection => ({
      ...create,
      spec: { ...SPEC, guardrailProfileId },
    });
    const withProfile = (id: string) => (s: ConnectionState) =>
      decideConnection({ type: 'UpdateConnection', patch: { guardrailProfileId: id } }, s);

    it("Given no connection, When created naming one of its organization's profiles, Then version 1 names it", () => {
      const [event] = decideConnection(naming('gpr_strict'), initialConnection);

      expect(event?.type).toBe('warden.policy.connection.created.v1');
      expect(event?.data).toMatchObject({ spec: { guardrailProfileId: 'gpr_strict' } });
    });

    it.each([
      ['an unknown id', 'gpr_unknown'],
      ["another organization's profile", 'gpr_other'],
    ])('Given no connection, When created naming %s, Then it is refused as not found', (_case, id) => {
      expect(rejectionOf(() => decideConnection(naming(id), initialConnection))).toEqual(NOT_FOUND);
    });

    it("Given no connection, When created naming an unknown id or another organization's, Then both refusals carry the same message", () => {
      const message = (id: string): string => {
        try {
          decideConnection(naming(id), initialConnection);
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error('expected a refusal');
      };

      expect(message('gpr_other')).toBe(message('gpr_unknown'));
      expect(message('gpr_other')).not.toContain('gpr_other');
    });

    it('Given v1, When patched to an own profile, Then v2 names it; When patched to an unknown one, Then it is refused', () => {
      const [event] = withProfile('gpr_lenient')(history());
      expect(event?.data).toMatchObject({ version: 2, changedFields: ['guardrailProfileId'] });

      expect(rejectionOf(() => withProfile('gpr_other')(history()))).toEqual(NOT_FOUND);
    });

    it('Given v1 naming a profile no longer known, When patched elsewhere or the profile removed, Then the version is recorded (only a newly named profile is checked)', () => {
      const legacy = given(
        initialConnection,
        evolveConnection,
        decideConnection(naming('gpr_gone'), initialConnection, { guardrailProfiles: new Set(['gpr_gone']) }),
      );

      expect(decideConnection({ type: 'UpdateConnection', patch: { minTrust: 90 } }, legacy)).toHaveLength(1);
      expect(
        decideConnection({ type: 'UpdateConnection', patch: { guardrailProfileId: null } }, legacy),
      ).toHaveLength(1);
    });

    it('Given v1 named a profile and v2 another, When rolled back to v1 after its profile is gone, Then it is refused as not found', () => {
      const v1Profile = { guardrailProfiles: new Set(['gpr_old', 'gpr_strict']) };
      let state = given(
        initialConnection,
        evolveConnection,
        decideConnection(naming('gpr_old'), initialConnection, v1Profile),
      );
      state = given(state, evolveConnection, withProfile('gpr_strict')(state));

      const rollback: ConnectionCommand = { type: 'RollbackConnection', toVersion: 1 };
      expect(rejectionOf(() => decideConnection(rollback, state))).toEqual(NOT_FOUND);
      expect(decideConnection(rollback, state, v1Profile)[0]?.data).toMatchObject({
        version: 3,
        rolledBackToVersion: 1,
        spec: { guardrailProfileId: 'gpr_old' },
      });
    });

    it('Given v1 without a profile and v2 with one, When rolled back to v1 with no profile known, Then v3 drops the profile', () => {
      const state = history(withProfile('gpr_strict'));

      const [event] = decideConnection({ type: 'RollbackConnection', toVersion: 1 }, state, {
        guardrailProfiles: new Set(),
      });

      expect(event?.data).toMatchObject({ version: 3, spec: SPEC, changedFields: ['guardrailProfileId'] });
    });

    it('Given any known profiles, When a connection is created naming an id, Then it is recorded exactly when the id is known', () => {
      const id = fc.stringMatching(/^gpr_[a-z0-9]{1,6}$/);
      fc.assert(
        fc.property(fc.uniqueArray(id, { maxLength: 5 }), id, (known, named) => {
          const lookups = { guardrailProfiles: new Set(known) };
          const run = (): ConnectionEvent[] => decideConnection(naming(named), initialConnection, lookups);
          if (known.includes(named)) expect(run()).toHaveLength(1);
          else expect(rejectionOf(run)).toEqual(NOT_FOUND);
        }),
      );
    });
  });
});
