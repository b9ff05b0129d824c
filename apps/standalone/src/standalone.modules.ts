import type { DynamicModule, Type } from '@nestjs/common';
import { AuditModule } from '../../audit/src/audit.module';
import { GuardrailsModule } from '../../guardrails/src/guardrails.module';
import { IdentityModule } from '../../identity/src/identity.module';
import { IngressModule } from '../../ingress/src/ingress.module';
import { PolicyModule } from '../../policy/src/policy.module';

/**
 * Every service module, mounted in one process on the embedded engines. This file is the composition root:
 * the only place allowed to import other apps' modules (docs/adr/0001-architecture.md).
 */
export const STANDALONE_MODULES: ReadonlyArray<Type<unknown> | DynamicModule> = [
  IdentityModule,
  PolicyModule.withoutDecisionApi(),
  GuardrailsModule,
  AuditModule.forRoot(),
  IngressModule.forRoot(),
];
