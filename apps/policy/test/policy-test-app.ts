import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { InfrastructureModule } from '@warden/infrastructure';
import { PolicyModule } from '../src/policy.module';
import type { PolicyOptions } from '../src/policy.options';
import { PolicyProjection } from '../src/projection/policy-projection';
import { GuardrailsSeed } from '../../../test/support/guardrails-seed';
import { IdentitySeed } from '../../../test/support/identity-seed';
import { startServiceTestApp, type ServiceTestApp } from '../../../test/support/service-test-app';

export interface PolicyTestApp extends ServiceTestApp {
  readonly store: EventStore;
  readonly seed: IdentitySeed;
  readonly guardrails: GuardrailsSeed;
  readonly projection: PolicyProjection;
}

export const TEST_POLICY_OPTIONS: Partial<PolicyOptions> = {
  heartbeatMs: 100,
  idleMs: 50,
  maxStalenessMs: 5_000,
  guardrailProfileWaitMs: 300,
};

/** The policy service over HTTP on a fresh PostgreSQL database; embedded bus unless KAFKA_BROKERS is given. */
export async function startPolicyApp(
  env: Record<string, string> = {},
  options = TEST_POLICY_OPTIONS,
): Promise<PolicyTestApp> {
  const app = await startServiceTestApp({
    serviceName: 'policy',
    env,
    imports: [InfrastructureModule.forRoot({ eventStore: true }), PolicyModule.withOptions(options)],
  });
  const store = app.nest.get<EventStore>(EVENT_STORE);
  return {
    ...app,
    store,
    seed: new IdentitySeed(store),
    guardrails: new GuardrailsSeed(store),
    projection: app.nest.get(PolicyProjection),
  };
}
