import { Module, type DynamicModule } from '@nestjs/common';
import { WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { AUTH_SOURCE, type AuthSource } from './auth-source';
import { BusAuthSource } from './bus-auth-source';
import { CredentialResolver } from './credential-resolver';
import { CREDENTIAL_RESOLVER, OrgAdminGuard } from './org-admin.guard';

/**
 * Admin authentication for services other than identity: a bus-fed AuthProjection (one per process — Nest
 * shares this module between the services of a standalone process), the CredentialResolver and OrgAdminGuard.
 */
@Module({})
export class AdminAuthModule {
  static forService(): DynamicModule {
    return {
      module: AdminAuthModule,
      providers: [
        { provide: AUTH_SOURCE, useClass: BusAuthSource },
        {
          provide: CREDENTIAL_RESOLVER,
          inject: [WARDEN_CONFIG, AUTH_SOURCE],
          useFactory: (config: WardenConfig, source: AuthSource) => new CredentialResolver(config, source),
        },
        OrgAdminGuard,
      ],
      exports: [AUTH_SOURCE, CREDENTIAL_RESOLVER, OrgAdminGuard],
    };
  }
}
