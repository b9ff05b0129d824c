import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { InfrastructureModule } from '@warden/infrastructure';
import { waitFor } from '@warden/testing';
import { GuardrailsModule } from '../src/guardrails.module';
import { IdentitySeed, type SeededPrincipal } from '../../../test/support/identity-seed';
import { startServiceTestApp, type ServiceTestApp } from '../../../test/support/service-test-app';

export interface Tenant {
  readonly org: string;
  readonly owner: SeededPrincipal;
  readonly auditor: SeededPrincipal;
  readonly agent: SeededPrincipal;
}

export interface GuardrailsTestApp extends ServiceTestApp {
  readonly store: EventStore;
  readonly seed: IdentitySeed;
  /** An organization with an owner, an auditor and an agent, each with a key the service already accepts. */
  tenant(name: string): Promise<Tenant>;
}

/** The guardrails service over HTTP on a fresh PostgreSQL database with the embedded bus, logs captured. */
export async function startGuardrailsApp(): Promise<GuardrailsTestApp> {
  const app = await startServiceTestApp({
    serviceName: 'guardrails',
    imports: [InfrastructureModule.forRoot({ eventStore: true }), GuardrailsModule],
  });
  const store = app.nest.get<EventStore>(EVENT_STORE);
  const seed = new IdentitySeed(store);
  const call = app.call.bind(app);
  return {
    ...app,
    store,
    seed,
    async tenant(name) {
      const org = await seed.organization(name);
      const owner = await seed.principal(org, 'human', ['owner']);
      const auditor = await seed.principal(org, 'human', ['auditor']);
      const agent = await seed.principal(org, 'agent');
      // The keys reach the service through the relay and the bus: wait until the last one is accepted.
      const list = `/v1/orgs/${org}/guardrail-profiles`;
      await waitFor(
        async () =>
          (await call('GET', list, { token: agent.key })).status === 403 &&
          (await call('GET', list, { token: owner.key })).status === 200 &&
          (await call('GET', list, { token: auditor.key })).status === 200,
        { message: `the keys of ${name} reaching the auth projection` },
      );
      return { org, owner, auditor, agent };
    },
  };
}
export type { HttpAnswer } from '../../../test/support/service-test-app';
