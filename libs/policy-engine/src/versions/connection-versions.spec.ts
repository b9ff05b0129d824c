import type { Connection } from '../domain/policy-model';
import { diffConnectionSpecs, rollbackConnection, sameSpec, specOf } from './connection-versions';

const v1: Connection = {
  id: 'con_1',
  orgId: 'org_1',
  principalId: 'prn_a',
  resourceId: 'res_r',
  version: 1,
  status: 'active',
  operations: [{ action: 'mcp.tool', target: 'read_*' }],
  failMode: 'closed',
  minTrust: 50,
};
const v2: Connection = {
  ...v1,
  version: 2,
  operations: [
    { action: 'mcp.tool', target: 'read_*' },
    { action: 'mcp.tool', target: 'write_*' },
  ],
  rateLimit: { requestsPerMinute: 10 },
  minTrust: 50,
};

describe('connection versions', () => {
  it('Given v1 and v2, When diffed, Then only the changed fields are listed with both values', () => {
    expect(diffConnectionSpecs(v1, v2)).toEqual([
      { field: 'operations', before: v1.operations, after: v2.operations },
      { field: 'rateLimit', before: undefined, after: { requestsPerMinute: 10 } },
    ]);
  });

  it('Given two specs equal but for key order, When diffed, Then nothing changed', () => {
    const reordered = { ...v1, operations: [{ target: 'read_*', action: 'mcp.tool' as const }] };

    expect(diffConnectionSpecs(v1, reordered)).toEqual([]);
  });

  it('Given v3 after v2, When rolled back to v1, Then a new v4 equal to v1 is produced, naming the fields it changes', () => {
    const v3: Connection = { ...v2, version: 3, failMode: 'open' };

    const rollback = rollbackConnection(v3, v1);

    expect(rollback.version).toBe(4);
    expect(rollback.rolledBackToVersion).toBe(1);
    expect(sameSpec(rollback.spec, specOf(v1))).toBe(true);
    expect(rollback.changedFields).toEqual(['operations', 'rateLimit', 'failMode']);
  });

  it('Given the current version, When rolled back to itself or a later one, Then it is refused', () => {
    expect(() => rollbackConnection(v2, v2)).toThrow(/not an earlier version/);
  });
});
