import { performance } from 'node:perf_hooks';
import { spawnTsProcess, testKafkaBrokers, uniqueTestPrefix, waitFor, type TsProcess } from '@warden/testing';
import { startPolicyApp, type PolicyTestApp } from './policy-test-app';

const now = (): number => performance.timeOrigin + performance.now();

describe('a connection revoked in the policy service → another process denies (Kafka)', () => {
  let app: PolicyTestApp | undefined;
  let probe: TsProcess | undefined;

  afterAll(async () => {
    await probe?.stop();
    await app?.close();
  });

  it('denies within a measured delay', async () => {
    const brokers = testKafkaBrokers().join(',');
    const topicPrefix = uniqueTestPrefix();
    app = await startPolicyApp({
      KAFKA_BROKERS: brokers,
      WARDEN_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
    });
    const org = await app.seed.organization('Acme');
    const owner = await app.seed.principal(org, 'human', ['owner']);
    const agent = await app.seed.principal(org, 'agent');
    const started = app;
    await waitFor(
      () => started.projection.auth.principal(owner.id) && started.projection.state.principals.has(agent.id),
      { timeoutMs: 30_000 },
    );
    const resourceId = (
      (
        await app.call('POST', `/v1/orgs/${org}/resources`, {
          token: owner.key,
          body: { kind: 'mcp_server', name: 'files', upstream: { baseUrl: 'https://tools.example.test' } },
        })
      ).body as { id: string }
    ).id;
    const connectionId = (
      (
        await app.call('POST', `/v1/orgs/${org}/connections`, {
          token: owner.key,
          body: {
            principalId: agent.id,
            resourceId,
            operations: [{ action: 'mcp.tool', target: 'fs.read' }],
          },
        })
      ).body as { id: string }
    ).id;

    probe = spawnTsProcess('apps/policy/test/decision-probe.process.ts', {
      env: {
        KAFKA_BROKERS: brokers,
        WARDEN_TOPIC_PREFIX: topicPrefix,
        PROBE_INPUT: JSON.stringify({
          principalId: agent.id,
          resourceId,
          action: 'mcp.tool',
          target: 'fs.read',
        }),
      },
    });
    await probe.waitForLine(/"probe":"allowed"/, 60_000);

    const denied = probe.waitForLine(/"probe":"denied"/, 30_000);
    const sent = now();
    const revoked = await app.call('DELETE', `/v1/orgs/${org}/connections/${connectionId}`, {
      token: owner.key,
    });
    const committed = now();
    expect(revoked.status).toBe(204);
    const line = JSON.parse(await denied) as { at: number; codes: string[] };

    const propagationMs = line.at - committed;
    const endToEndMs = line.at - sent;
    process.stdout.write(
      `revocation → other process denies: ${propagationMs.toFixed(1)} ms after the 204, ${endToEndMs.toFixed(1)} ms after the DELETE was sent (reasons ${line.codes.join(',')})\n`,
    );
    expect(line.codes).toContain('connection_revoked');
    expect(endToEndMs).toBeLessThan(5_000);
  }, 120_000);
});
