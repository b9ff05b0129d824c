import 'reflect-metadata';
import { runService } from '@warden/infrastructure';
import { AuditModule } from './audit.module';

void runService({ serviceName: 'audit', modules: [AuditModule.forRoot()], needs: { eventStore: false } });
