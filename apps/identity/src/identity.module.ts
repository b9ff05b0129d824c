import { Module } from '@nestjs/common';
import { CREDENTIAL_RESOLVER, CredentialResolver } from '@warden/identity-auth';
import { WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { eventSourcedRunnerProvider } from '@warden/event-sourcing';
import { PrincipalStream } from './application/principal-stream';
import { AdminGuard } from './auth/admin.guard';
import { CreateOrganizationController } from './commands/create-organization/create-organization.controller';
import { CreateOrganizationHandler } from './commands/create-organization/create-organization.handler';
import { IssueKeyController } from './commands/issue-key/issue-key.controller';
import { IssueKeyHandler } from './commands/issue-key/issue-key.handler';
import { ReactivatePrincipalController } from './commands/reactivate-principal/reactivate-principal.controller';
import { ReactivatePrincipalHandler } from './commands/reactivate-principal/reactivate-principal.handler';
import { RegisterPrincipalController } from './commands/register-principal/register-principal.controller';
import { RegisterPrincipalHandler } from './commands/register-principal/register-principal.handler';
import { RevokeKeyController } from './commands/revoke-key/revoke-key.controller';
import { RevokeKeyHandler } from './commands/revoke-key/revoke-key.handler';
import { RevokePrincipalController } from './commands/revoke-principal/revoke-principal.controller';
import { RevokePrincipalHandler } from './commands/revoke-principal/revoke-principal.handler';
import { RotateKeyController } from './commands/rotate-key/rotate-key.controller';
import { RotateKeyHandler } from './commands/rotate-key/rotate-key.handler';
import { SuspendPrincipalController } from './commands/suspend-principal/suspend-principal.controller';
import { SuspendPrincipalHandler } from './commands/suspend-principal/suspend-principal.handler';
import { GetOrganizationController } from './queries/get-organization/get-organization.controller';
import { GetOrganizationHandler } from './queries/get-organization/get-organization.handler';
import { GetPrincipalController } from './queries/get-principal/get-principal.controller';
import { GetPrincipalHandler } from './queries/get-principal/get-principal.handler';
import { ListPrincipalsController } from './queries/list-principals/list-principals.controller';
import { ListPrincipalsHandler } from './queries/list-principals/list-principals.handler';
import { WhoamiController } from './queries/whoami/whoami.controller';
import { WhoamiHandler } from './queries/whoami/whoami.handler';
import { IdentityProjections } from './read-model/identity-projections';
import { KeyUsageReporting } from './read-model/key-usage-reporting';

/**
 * The identity service: organizations, principals, API keys, OIDC bindings and the admin API over them.
 * Mounted as-is in standalone and distributed mode; it creates no infrastructure — EVENT_STORE, BUS and
 * WARDEN_CONFIG come from the global infrastructure and platform modules.
 */
@Module({
  controllers: [
    CreateOrganizationController,
    GetOrganizationController,
    RegisterPrincipalController,
    ListPrincipalsController,
    GetPrincipalController,
    SuspendPrincipalController,
    ReactivatePrincipalController,
    RevokePrincipalController,
    IssueKeyController,
    RotateKeyController,
    RevokeKeyController,
    WhoamiController,
  ],
  providers: [
    eventSourcedRunnerProvider(),
    PrincipalStream,
    IdentityProjections,
    KeyUsageReporting,
    {
      // Identity authenticates from its own event store, so a key works on the very next request.
      provide: CREDENTIAL_RESOLVER,
      inject: [WARDEN_CONFIG, IdentityProjections],
      useFactory: (config: WardenConfig, projections: IdentityProjections) =>
        new CredentialResolver(config, projections),
    },
    AdminGuard,
    CreateOrganizationHandler,
    GetOrganizationHandler,
    RegisterPrincipalHandler,
    ListPrincipalsHandler,
    GetPrincipalHandler,
    SuspendPrincipalHandler,
    ReactivatePrincipalHandler,
    RevokePrincipalHandler,
    IssueKeyHandler,
    RotateKeyHandler,
    RevokeKeyHandler,
    WhoamiHandler,
  ],
})
export class IdentityModule {}
