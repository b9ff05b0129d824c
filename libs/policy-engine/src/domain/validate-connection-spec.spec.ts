import { ConnectionRejectedError } from '../errors';
import { validateConnectionSpec } from './validate-connection-spec';

describe('validateConnectionSpec', () => {
  it('Given a well-formed spec, When validated, Then it passes', () => {
    expect(() =>
      validateConnectionSpec({
        operations: [
          { action: 'http.request', target: 'GET /v1/items/*' },
          { action: 'mcp.tool', target: 'transfer', constraints: { amount: { max: 100 } } },
        ],
        minTrust: 60,
        expiresAt: '2027-01-01T00:00:00Z',
        failMode: 'closed',
      }),
    ).not.toThrow();
  });

  it('Given several problems, When validated, Then every one is listed', () => {
    let error: unknown;
    try {
      validateConnectionSpec({
        operations: [
          { action: 'http.request', target: '/no-method' },
          { action: 'mcp.tool', target: 'x', constraints: { path: {} } },
        ],
        minTrust: 70.5,
        expiresAt: 'tomorrow',
        failMode: 'closed',
      });
    } catch (e: unknown) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConnectionRejectedError);
    expect((error as ConnectionRejectedError).details).toEqual([
      'operations[0].target must be "<METHOD> <path glob>", e.g. "GET /v1/items/*"',
      'operations[1].constraints.path must set prefix, enum or max',
      'minTrust must be an integer from 0 to 100',
      'expiresAt must be an RFC 3339 timestamp',
    ]);
  });
});
