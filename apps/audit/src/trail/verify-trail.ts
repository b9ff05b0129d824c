import type { AnalyticsClient } from '@warden/analytics';
import { invalid, optionalTime, type RawQuery } from '../reports/query-params';
import { readTrail } from './read-trail';
import { verifyChain, type VerifyResult } from './verify-chain';

/** POST /v1/orgs/{org}/audit/verify?from=&to=: recomputes the org's hash chains recorded in the window. */
export async function verifyTrail(
  client: AnalyticsClient,
  orgId: string,
  query: RawQuery,
): Promise<VerifyResult> {
  const from = optionalTime(query, 'from');
  const to = optionalTime(query, 'to');
  if (from !== undefined && to !== undefined && from > to) throw invalid('from', 'must not be after to');
  return verifyChain(await readTrail(client, { orgId, ...(from ? { from } : {}), ...(to ? { to } : {}) }));
}
