import { toClickHouseTime, type AnalyticsClient } from '@warden/analytics';
import { principalsWithAccess } from './access-window';
import { daysBefore, invalid, optionalTime, requiredString, toRfc3339, type RawQuery } from './query-params';
import { readCredentialHistory } from './read-history';

export interface AccessItem {
  readonly principalId: string;
  readonly couldAccess: boolean;
  readonly used: boolean;
  readonly lastUsedAt?: string;
}

export const DEFAULT_ACCESS_WINDOW_DAYS = 90;

/**
 * GET /v1/orgs/{org}/reports/access?resourceId=&from=&to=: who could access the resource (a live connection)
 * and who used it (an allowed decision) in the window; default the past 90 days.
 */
export async function accessReport(
  client: AnalyticsClient,
  orgId: string,
  query: RawQuery,
  now: Date,
): Promise<{ items: AccessItem[] }> {
  const resourceId = requiredString(query, 'resourceId');
  const to = optionalTime(query, 'to') ?? toClickHouseTime(now);
  const from =
    optionalTime(query, 'from') ??
    toClickHouseTime(daysBefore(new Date(toRfc3339(to)), DEFAULT_ACCESS_WINDOW_DAYS));
  if (from > to) throw invalid('from', 'must not be after to');

  const [history, usage] = await Promise.all([
    readCredentialHistory(client, orgId, to),
    client
      .query({
        query: `SELECT principalid, toString(max(time)) AS last_used_at
                FROM audit_decisions
                WHERE orgid = {org:String} AND resource_id = {resource:String} AND outcome = 'allow'
                  AND time >= {from:DateTime64(3, 'UTC')} AND time <= {to:DateTime64(3, 'UTC')}
                GROUP BY principalid`,
        query_params: { org: orgId, resource: resourceId, from, to },
        format: 'JSONEachRow',
      })
      .then((result) => result.json<{ principalid: string; last_used_at: string }>()),
  ]);
  const could = principalsWithAccess(history, resourceId, toRfc3339(from), toRfc3339(to));
  const lastUsed = new Map(usage.map((row) => [row.principalid, toRfc3339(row.last_used_at)]));
  const principals = [...new Set([...could, ...lastUsed.keys()])].sort();
  return {
    items: principals.map((principalId) => {
      const lastUsedAt = lastUsed.get(principalId);
      return {
        principalId,
        couldAccess: could.has(principalId),
        used: lastUsedAt !== undefined,
        ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
      };
    }),
  };
}
