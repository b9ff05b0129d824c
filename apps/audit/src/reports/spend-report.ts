import { toClickHouseTime, type AnalyticsClient } from '@warden/analytics';
import { daysBefore, invalid, oneOf, optionalTime, toRfc3339, type RawQuery } from './query-params';

export const SPEND_GROUPS = ['principal', 'connection', 'workflow', 'model'] as const;

export interface SpendItem {
  readonly key: string;
  /** Decimal string: exact, never a float. */
  readonly cost: string;
  readonly currency: string;
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * GET /v1/orgs/{org}/reports/spend?groupBy=&from=&to=: from the hourly rollup, so the window is widened to
 * whole hours (from's hour through to's hour). Default: the past 30 days, grouped by principal.
 */
export async function spendReport(
  client: AnalyticsClient,
  orgId: string,
  query: RawQuery,
  now: Date,
): Promise<{ items: SpendItem[] }> {
  const groupBy = oneOf(query, 'groupBy', SPEND_GROUPS) ?? 'principal';
  const to = optionalTime(query, 'to') ?? toClickHouseTime(now);
  const from = optionalTime(query, 'from') ?? toClickHouseTime(daysBefore(new Date(toRfc3339(to)), 30));
  if (from > to) throw invalid('from', 'must not be after to');
  const result = await client.query({
    query: `SELECT key, currency, toString(sum(cost)) AS total_cost, sum(requests) AS total_requests,
                   sum(input_tokens) AS total_input, sum(output_tokens) AS total_output
            FROM audit_spend_hourly
            WHERE orgid = {org:String} AND dimension = {dimension:String}
              AND hour >= toStartOfHour({from:DateTime64(3, 'UTC')}) AND hour <= {to:DateTime64(3, 'UTC')}
            GROUP BY key, currency
            ORDER BY sum(cost) DESC, key`,
    query_params: { org: orgId, dimension: groupBy, from, to },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{
    key: string;
    currency: string;
    total_cost: string;
    total_requests: string;
    total_input: string;
    total_output: string;
  }>();
  return {
    items: rows.map((row) => ({
      key: row.key,
      cost: row.total_cost,
      currency: row.currency,
      requests: Number(row.total_requests),
      inputTokens: Number(row.total_input),
      outputTokens: Number(row.total_output),
    })),
  };
}
