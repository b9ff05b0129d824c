import { EVENTS_TABLE, type AnalyticsClient } from '@warden/analytics';
import { CREDENTIAL_EVENT_TYPES, type HistoryEvent } from './credentials-replay';
import { toRfc3339 } from './query-params';

/** An organization's identity and connection history up to `to` (ClickHouse time text), in (time, id) order. */
export async function readCredentialHistory(
  client: AnalyticsClient,
  orgId: string,
  to: string,
): Promise<HistoryEvent[]> {
  const result = await client.query({
    query: `SELECT id, type, toString(time) AS time_text, data FROM ${EVENTS_TABLE}
            WHERE orgid = {org:String} AND type IN {types:Array(String)} AND time <= {to:DateTime64(3, 'UTC')}
            ORDER BY time, id
            LIMIT 1 BY id`,
    query_params: { org: orgId, types: [...CREDENTIAL_EVENT_TYPES], to },
    format: 'JSONEachRow',
  });
  return (await result.json<{ id: string; type: string; time_text: string; data: string }>()).map((row) => ({
    id: row.id,
    type: row.type,
    time: toRfc3339(row.time_text),
    data: JSON.parse(row.data) as unknown,
  }));
}
