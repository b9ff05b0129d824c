import { toClickHouseTime, type AnalyticsClient } from '@warden/analytics';
import { replayCredentials, type CredentialItem } from './credentials-replay';
import { optionalTime, toRfc3339, type RawQuery } from './query-params';
import { readCredentialHistory } from './read-history';

export interface CredentialsReport {
  readonly at: string;
  readonly items: CredentialItem[];
}

/** GET /v1/orgs/{org}/reports/credentials?at=: rebuilt from the trail's events up to `at` (default now). */
export async function credentialsReport(
  client: AnalyticsClient,
  orgId: string,
  query: RawQuery,
  now: Date,
): Promise<CredentialsReport> {
  const at = optionalTime(query, 'at') ?? toClickHouseTime(now);
  const atRfc = toRfc3339(at);
  const history = await readCredentialHistory(client, orgId, at);
  return { at: atRfc, items: replayCredentials(history, atRfc) };
}
