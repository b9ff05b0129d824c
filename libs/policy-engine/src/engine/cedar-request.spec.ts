import fc from 'fast-check';
import { cedarContext } from './cedar-request';

describe('cedarContext', () => {
  it('Property: the UTC hour and weekday computed by arithmetic equal Date’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }), (time) => {
        const context = cedarContext({
          principalId: 'p',
          resourceId: 'r',
          action: 'mcp.tool',
          target: 't',
          context: { time },
        });
        const date = new Date(time);

        expect(context['time']).toEqual({
          epochMillis: time,
          hourUtc: date.getUTCHours(),
          weekdayUtc: date.getUTCDay(),
        });
      }),
    );
  });

  it('Given an HTTP target, When the context is built, Then method and path are split and cost is in micros', () => {
    const context = cedarContext({
      principalId: 'p',
      resourceId: 'r',
      action: 'http.request',
      target: 'POST /v1/orders',
      context: { time: 0, estimatedCost: 0.0123, trustScore: 70.9, findings: ['pii.email'] },
    });

    expect(context).toMatchObject({
      method: 'POST',
      path: '/v1/orders',
      estimatedCostMicros: 12300,
      trustScore: 70,
      findings: ['pii.email'],
    });
  });
});
