import { Module, type DynamicModule } from '@nestjs/common';
import { AdminAuthModule, CREDENTIAL_RESOLVER, type CredentialResolver } from '@warden/identity-auth';
import { AUDIT_ACCESS, type AuditAccess } from './access/audit-access.port';
import { CallerAuditAccess } from './access/caller-audit-access';
import { OrgScopeGuard } from './access/org-scope.guard';
import { AnalyticsClientLifecycle, analyticsClientProvider } from './analytics/analytics-client.provider';
import { AuditController } from './audit.controller';
import { AUDIT_OPTIONS, DEFAULT_AUDIT_OPTIONS, type AuditOptions } from './audit-options';
import { AuditProjectorConsumer } from './projector/audit-projector.consumer';

export interface AuditModuleOptions extends Partial<AuditOptions> {
  /** Binds the org-scope port; default: the shared admin authentication (owner, admin or auditor of the org). */
  readonly access?: AuditAccess;
}

/**
 * The audit service: projector of every governance topic into ClickHouse, report API, trail verification.
 * Needs BUS (InfrastructureModule) and WARDEN_CONFIG (PlatformModule); owns its ClickHouse client.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditModuleOptions = {}): DynamicModule {
    const { access, ...tunables } = options;
    return {
      module: AuditModule,
      imports: [AdminAuthModule.forService()],
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_OPTIONS, useValue: { ...DEFAULT_AUDIT_OPTIONS, ...tunables } },
        {
          provide: AUDIT_ACCESS,
          inject: [CREDENTIAL_RESOLVER],
          useFactory: (credentials: CredentialResolver) => access ?? new CallerAuditAccess(credentials),
        },
        analyticsClientProvider,
        AnalyticsClientLifecycle,
        AuditProjectorConsumer,
        OrgScopeGuard,
      ],
    };
  }
}
