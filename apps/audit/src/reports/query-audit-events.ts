import { EVENTS_TABLE, type AnalyticsClient } from '@warden/analytics';
import {
  invalid,
  optionalInteger,
  optionalString,
  optionalTime,
  toRfc3339,
  type RawQuery,
} from './query-params';

export interface AuditEventItem {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly principalId?: string;
  readonly resourceId?: string;
  readonly outcome?: string;
  readonly data: unknown;
}

export interface AuditEventPage {
  readonly items: AuditEventItem[];
  readonly nextCursor: string | null;
}

const DEFAULT_LIMIT = 100;

interface Cursor {
  readonly time: string;
  readonly id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(parsed[0]) &&
      typeof parsed[1] === 'string'
    )
      return { time: parsed[0], id: parsed[1] };
  } catch {
    // fall through to the 400
  }
  throw invalid('cursor', 'is not a cursor this API returned');
}

/**
 * GET /v1/orgs/{org}/audit/events: newest first, keyset-paginated on (time, id). Every filter is a bound
 * `{name:Type}` parameter; the SQL text only ever varies by which constant fragments are present.
 */
export async function queryAuditEvents(
  client: AnalyticsClient,
  orgId: string,
  query: RawQuery,
): Promise<AuditEventPage> {
  const limit = optionalInteger(query, 'limit', 1, 1000) ?? DEFAULT_LIMIT;
  const params: Record<string, unknown> = { org: orgId, limit: limit + 1 };
  const where = ['orgid = {org:String}'];
  const principalId = optionalString(query, 'principalId');
  if (principalId !== undefined) {
    params['principalId'] = principalId;
    where.push(
      "(principalid = {principalId:String} OR JSONExtractString(data, 'principalId') = {principalId:String})",
    );
  }
  for (const [name, field] of [
    ['resourceId', 'resourceId'],
    ['connectionId', 'connectionId'],
    ['outcome', 'outcome'],
  ] as const) {
    const value = optionalString(query, name);
    if (value === undefined) continue;
    params[name] = value;
    where.push(`JSONExtractString(data, '${field}') = {${name}:String}`);
  }
  const type = optionalString(query, 'type');
  if (type !== undefined) {
    params['type'] = type;
    where.push('type = {type:String}');
  }
  const from = optionalTime(query, 'from');
  if (from !== undefined) {
    params['from'] = from;
    where.push("time >= {from:DateTime64(3, 'UTC')}");
  }
  const to = optionalTime(query, 'to');
  if (to !== undefined) {
    params['to'] = to;
    where.push("time <= {to:DateTime64(3, 'UTC')}");
  }
  const cursorText = optionalString(query, 'cursor');
  if (cursorText !== undefined) {
    const cursor = decodeCursor(cursorText);
    params['cursorTime'] = cursor.time;
    params['cursorId'] = cursor.id;
    where.push("(time, id) < ({cursorTime:DateTime64(3, 'UTC')}, {cursorId:String})");
  }
  const result = await client.query({
    query: `SELECT id, type, toString(time) AS time_text, principalid, data
            FROM ${EVENTS_TABLE}
            WHERE ${where.join(' AND ')}
            ORDER BY time DESC, id DESC
            LIMIT 1 BY id
            LIMIT {limit:UInt32}`,
    query_params: params,
    format: 'JSONEachRow',
  });
  const rows = await result.json<EventRecord>();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor({ time: last.time_text, id: last.id }) : null,
  };
}

interface EventRecord {
  readonly id: string;
  readonly type: string;
  readonly time_text: string;
  readonly principalid: string;
  readonly data: string;
}

function toItem(row: EventRecord): AuditEventItem {
  const data: unknown = JSON.parse(row.data);
  const field = (name: string): string | undefined => {
    if (typeof data !== 'object' || data === null) return undefined;
    const value = (data as Record<string, unknown>)[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const principalId = field('principalId') ?? (row.principalid === '' ? undefined : row.principalid);
  const resourceId = field('resourceId');
  const outcome = field('outcome');
  return {
    id: row.id,
    type: row.type,
    time: toRfc3339(row.time_text),
    ...(principalId !== undefined ? { principalId } : {}),
    ...(resourceId !== undefined ? { resourceId } : {}),
    ...(outcome !== undefined ? { outcome } : {}),
    data,
  };
}
