import { InfrastructureModule } from '@warden/infrastructure';
import { IdentityModule } from '../src/identity.module';
import { startServiceTestApp, type ServiceTestApp } from '../../../test/support/service-test-app';

export const BOOTSTRAP_TOKEN = 'bootstrap-token-for-tests-0123456789';

export type IdentityTestApp = ServiceTestApp;

/** The identity service over HTTP on a fresh PostgreSQL database, embedded bus, logs captured. */
export function startIdentityApp(env: Record<string, string> = {}): Promise<IdentityTestApp> {
  return startServiceTestApp({
    serviceName: 'identity',
    env: { WARDEN_BOOTSTRAP_TOKEN: BOOTSTRAP_TOKEN, ...env },
    imports: [InfrastructureModule.forRoot({ eventStore: true }), IdentityModule],
  });
}
export type { HttpAnswer } from '../../../test/support/service-test-app';
