import 'reflect-metadata';
import { runService } from '@warden/infrastructure';
import { PolicyModule } from './policy.module';

/** Distributed mode: the policy service alone (`WARDEN_APP=policy npm run start:app`). */
void runService({ serviceName: 'policy', modules: [PolicyModule], needs: { eventStore: true } });
