import {
  clickhouseSchemasDir,
  closeAnalyticsClient,
  createAnalyticsClient,
  runMigrations,
  type AnalyticsClient,
} from '@warden/analytics';
import { envelope } from '@warden/contracts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionEvent, delivered, guardrailEvent, usageEvent } from '../../test/fixture-events';
import { AuditProjector } from '../projector/audit-projector';

// libchdb binds one data directory per process: this file uses exactly one.
const dataDir = mkdtempSync(join(tmpdir(), 'warden-audit-views-'));

/** The SELECT of each view as 0003 first created it, keyed by view name. */
function viewsOf0003(): Map<string, { target: string; select: string }> {
  const sql = readFileSync(join(clickhouseSchemasDir(), '0003_typed_tables.sql'), 'utf8');
  const views = new Map<string, { target: string; select: string }>();
  for (const match of sql.matchAll(
    /CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (\w+) AS\n([\s\S]*?);\n/g,
  ))
    views.set(match[1] ?? '', { target: match[2] ?? '', select: match[3] ?? '' });
  return views;
}

describe('typed views after 0005 (one JSON parse per event)', () => {
  let client: AnalyticsClient;

  const rows = async (query: string, org: string) =>
    (await client.query({ query, query_params: { org }, format: 'JSONEachRow' })).json<
      Record<string, unknown>
    >();

  beforeAll(async () => {
    client = createAnalyticsClient({ dataDir });
    await runMigrations(client);
  });

  afterAll(async () => {
    await closeAnalyticsClient(client);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['audit_decisions_mv', 'audit_decision_findings_mv', 'audit_spend_mv'])(
    'Given decision, usage and guardrail events, When projected, Then %s wrote exactly what its 0003 query computes',
    async (view) => {
      const org = `org_${view}`;
      const events = Array.from({ length: 60 }, (_, n) =>
        n % 3 === 0 ? decisionEvent(n, org) : n % 3 === 1 ? usageEvent(n, org) : guardrailEvent(n, org),
      );
      await new AuditProjector(client).project(events.map((event, n) => delivered(event, n)));
      const original = viewsOf0003().get(view);
      if (!original) throw new Error(`${view} not found in 0003`);
      const scoped = original.select.replace(
        /\nFROM events\n/,
        '\nFROM (SELECT * FROM events WHERE orgid = {org:String})\n',
      );

      const expected = await rows(`SELECT * FROM (${scoped}) ORDER BY ALL`, org);
      const columns = Object.keys(expected[0] ?? {});
      const actual = await rows(
        // The target may also be fed by another view (guardrail scans feed the findings too): this view's ids.
        `SELECT ${columns.join(', ')} FROM ${original.target}
         WHERE orgid = {org:String} AND id IN (SELECT id FROM (${scoped})) ORDER BY ALL`,
        org,
      );

      expect(expected.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    },
  );

  it('Given a decision whose principalId is JSON null, When projected, Then its principal is the envelope principal', async () => {
    const org = 'org_null_field';
    const event = envelope({
      id: 'evt_null_principal',
      source: 'warden/ingress',
      type: 'warden.decisions.decision.recorded.v1',
      time: new Date('2026-11-26T09:00:00.000Z'),
      subject: 'dec_null',
      orgid: org,
      principalid: 'prn_envelope',
      data: {
        decisionId: 'dec_null',
        principalId: null,
        action: 'model.chat',
        target: 'gpt-4o',
        outcome: 'allow',
      },
    });
    await new AuditProjector(client).project([delivered(event, 0)]);

    expect(
      await rows('SELECT principalid, model FROM audit_decisions WHERE orgid = {org:String}', org),
    ).toEqual([{ principalid: 'prn_envelope', model: 'gpt-4o' }]);
  });
});
