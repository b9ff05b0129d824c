import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import { given, rejectionOf } from '../testing/given-when-then';
import type { CreateConnection } from './connection.commands';
import { decideConnection } from './connection.decide';
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
});
