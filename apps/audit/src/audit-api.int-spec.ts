import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AnalyticsClient } from '@warden/analytics';
import { BUS, type Bus } from '@warden/bus';
import { envelope, TOPICS } from '@warden/contracts';
import { InfrastructureModule } from '@warden/infrastructure';
import { createHttpApp, loadConfig } from '@warden/platform';
import { createTestDatabase, uniqueTestPrefix, waitFor, type TestDatabase } from '@warden/testing';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionEvent, delivered, usageEvent } from '../test/fixture-events';
import { asDelivered, historyEvents, historySteps } from '../test/identity-history';
import { StaticTokenAuditAccess } from './access/audit-access.port';
import { ANALYTICS_CLIENT } from './analytics/analytics-client.provider';
import { AuditModule } from './audit.module';
import { AuditProjector } from './projector/audit-projector';
import { replayCredentials } from './reports/credentials-replay';

// libchdb binds one data directory per process: this file uses exactly one.
const dataDir = mkdtempSync(join(tmpdir(), 'warden-audit-api-'));
const ORG_A = 'org_alpha';
const ORG_B = 'org_bravo';
const TOKEN_A = 'auditor-of-alpha';
const TOKEN_B = 'auditor-of-bravo';

@Module({})
class AuditTestRoot {
  static register(): DynamicModule {
    return {
      module: AuditTestRoot,
      imports: [
        InfrastructureModule.forRoot({ eventStore: false }),
        AuditModule.forRoot({
          maxBatchDelayMs: 20,
          access: new StaticTokenAuditAccess(
            new Map([
              [TOKEN_A, [ORG_A]],
              [TOKEN_B, [ORG_B]],
              ['history', Array.from({ length: 500 }, (_, n) => `org_hist${n}`)],
            ]),
          ),
        }),
      ],
    };
  }
}

describe('audit API over the embedded bus and chDB', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let client: AnalyticsClient;
  let bus: Bus;

  const call = async (method: 'GET' | 'POST', url: string, token = TOKEN_A) => {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
  };
  const count = async (org: string) => {
    const result = await client.query({
      query: 'SELECT count() AS n FROM events WHERE orgid = {org:String}',
      query_params: { org },
      format: 'JSONEachRow',
    });
    return Number((await result.json<{ n: string }>())[0]?.n);
  };

  beforeAll(async () => {
    db = await createTestDatabase('warden_audit');
    const config = loadConfig(
      {
        WARDEN_DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        WARDEN_TOPIC_PREFIX: uniqueTestPrefix(),
        PORT: '0',
      },
      { serviceName: 'audit' },
    );
    app = await createHttpApp(AuditTestRoot.register(), config, { enableShutdownHooks: false });
    client = app.get<AnalyticsClient>(ANALYTICS_CLIENT);
    bus = app.get<Bus>(BUS);
    const projector = new AuditProjector(client);
    for (const org of [ORG_A, ORG_B]) {
      await projector.project(
        Array.from({ length: 60 }, (_, n) =>
          delivered(n % 2 ? decisionEvent(n, org) : usageEvent(n, org), n),
        ),
      );
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given identity events published on the bus twice, When the projector consumed them, Then each is recorded once and the trail verifies', async () => {
    const org = 'org_bus';
    const events = Array.from({ length: 20 }, (_, n) =>
      envelope({
        id: `evt_bus_${n}`,
        source: 'warden/identity',
        type: 'warden.identity.organization.renamed.v1',
        time: new Date(Date.UTC(2026, 10, 26, 10) + n),
        subject: org,
        orgid: org,
        data: { organizationId: org, name: `name ${n}` },
      }),
    );
    const messages = events.map((event) => ({ key: event.subject, event }));
    await bus.publish(TOPICS.identity, messages);
    await waitFor(async () => (await count(org)) === 20, { message: 'first delivery recorded' });
    await bus.publish(TOPICS.identity, messages);
    const sentinel = envelope({
      id: 'evt_bus_sentinel',
      source: 'warden/identity',
      type: 'warden.identity.organization.renamed.v1',
      time: new Date(),
      subject: org,
      orgid: org,
      data: { organizationId: org, name: 'last' },
    });
    await bus.publish(TOPICS.identity, [{ key: org, event: sentinel }]);
    await waitFor(async () => (await count(org)) === 21, { message: 'sentinel recorded' });

    expect(await count(org)).toBe(21);
    const verify = await call('POST', `/v1/orgs/${org}/audit/verify`, 'nobody');
    expect(verify.status).toBe(401);
  });

  it('Given the service, When readiness is asked, Then ClickHouse is one of its checks and is up', async () => {
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      checks: expect.arrayContaining([{ name: 'clickhouse', status: 'up' }]),
    });
  });

  it('Given the service, When its OpenAPI document is read, Then every audit route is published', async () => {
    const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/openapi.json' });
    const paths = Object.keys((JSON.parse(response.body) as { paths: Record<string, unknown> }).paths);

    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/orgs/{org}/audit/events',
        '/v1/orgs/{org}/audit/verify',
        '/v1/orgs/{org}/reports/access',
        '/v1/orgs/{org}/reports/credentials',
        '/v1/orgs/{org}/reports/spend',
      ]),
    );
  });

  it('Given events of org A, When its auditor pages through them with a cursor, Then every event comes once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        'GET',
        `/v1/orgs/${ORG_A}/audit/events?limit=25${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.body['items'] as { id: string }[]).map((item) => item.id));
      cursor = page.body['nextCursor'] as string | null;
    } while (cursor);

    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('Given decisions and usage, When org A reads the access, spend and verify reports, Then they show its own data', async () => {
    const access = await call(
      'GET',
      `/v1/orgs/${ORG_A}/reports/access?resourceId=res_1&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`,
    );
    const spend = await call(
      'GET',
      `/v1/orgs/${ORG_A}/reports/spend?groupBy=model&from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z`,
    );
    const verify = await call('POST', `/v1/orgs/${ORG_A}/audit/verify`);

    expect((access.body['items'] as { used: boolean }[]).length).toBeGreaterThan(0);
    expect((access.body['items'] as { used: boolean }[]).every((item) => item.used)).toBe(true);
    expect(spend.body['items']).toEqual([
      expect.objectContaining({ key: 'gpt-4o', currency: 'USD', requests: 30 }),
    ]);
    expect(verify.body).toEqual({ ok: true, checked: 60 });
  });

  describe("Given org A's auditor, When it asks for anything of org B (item 7)", () => {
    it.each([
      ['GET', `/v1/orgs/${ORG_B}/audit/events`],
      ['GET', `/v1/orgs/${ORG_B}/reports/access?resourceId=res_1`],
      ['GET', `/v1/orgs/${ORG_B}/reports/credentials`],
      ['GET', `/v1/orgs/${ORG_B}/reports/spend?groupBy=principal`],
      ['POST', `/v1/orgs/${ORG_B}/audit/verify`],
    ] as const)('Then %s %s is forbidden', async (method, url) => {
      const response = await call(method, url);
      expect(response.status).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain('evt_');
    });

    it("Then its own reports hold none of org B's events", async () => {
      const events = await call('GET', `/v1/orgs/${ORG_A}/audit/events?limit=1000`);
      const ids = (events.body['items'] as { id: string }[]).map((item) => item.id);
      expect(ids.length).toBe(60);
      expect(ids.every((id) => id.includes(ORG_A))).toBe(true);
    });
  });

  describe('Given SQL-injection strings in every filter (item 6)', () => {
    const attacks = [
      "' OR 1=1 --",
      "x'); DROP TABLE events; --",
      "res_1' OR '1'='1",
      '{org:String}',
      "\\' OR orgid != '",
      '1; SELECT * FROM system.tables',
      "org_bravo' UNION ALL SELECT * FROM events --",
    ];
    const filters: { route: string; param: string; literalOk: boolean }[] = [
      ...['principalId', 'resourceId', 'connectionId', 'type', 'outcome'].map((param) => ({
        route: 'audit/events',
        param,
        literalOk: true,
      })),
      { route: 'reports/access', param: 'resourceId', literalOk: true },
      ...['from', 'to', 'cursor', 'limit'].map((param) => ({
        route: 'audit/events',
        param,
        literalOk: false,
      })),
      { route: 'reports/access', param: 'from', literalOk: false },
      { route: 'reports/credentials', param: 'at', literalOk: false },
      { route: 'reports/spend', param: 'groupBy', literalOk: false },
      { route: 'reports/spend', param: 'to', literalOk: false },
      { route: 'audit/verify', param: 'from', literalOk: false },
    ];
    const cases = filters.flatMap((filter) =>
      attacks.map((attack) => [filter.route, filter.param, attack, filter.literalOk] as const),
    );

    it.each(cases)(
      'Then %s?%s=%j is a literal (empty result) or a 400',
      async (route, param, attack, literalOk) => {
        const extra = route === 'reports/access' && param !== 'resourceId' ? '&resourceId=res_1' : '';
        const response = await call(
          route === 'audit/verify' ? 'POST' : 'GET',
          `/v1/orgs/${ORG_A}/${route}?${param}=${encodeURIComponent(attack)}${extra}`,
        );
        if (literalOk) {
          expect(response.status).toBe(200);
          expect(response.body['items']).toEqual([]);
        } else {
          expect(response.status).toBe(400);
          expect(response.body['code']).toBe('validation_failed');
        }
        expect(await count(ORG_A)).toBe(60);
        expect(await count(ORG_B)).toBe(60);
      },
    );
  });

  it('Given random identity/policy histories (item 3), When the credentials report is asked at an instant T, Then it equals replaying the events up to T', async () => {
    let run = 0;
    const start = Date.UTC(2026, 9, 1);
    await fc.assert(
      fc.asyncProperty(historySteps, fc.integer({ min: 0, max: 45 }), async (steps, minute) => {
        const org = `org_hist${run++}`;
        const events = historyEvents(org, steps, start);
        await new AuditProjector(client).project(asDelivered(events));
        const at = new Date(start + minute * 60_000 + 30_000).toISOString();
        const report = await call('GET', `/v1/orgs/${org}/reports/credentials?at=${at}`, 'history');
        const expected = replayCredentials(
          events
            .filter((event) => Date.parse(event.time) <= Date.parse(at))
            .map((event) => ({ id: event.id, type: event.type, time: event.time, data: event.data })),
          at,
        );
        expect(report.status).toBe(200);
        expect(report.body).toEqual({ at, items: expected });
      }),
      { numRuns: 25 },
    );
  });
});
