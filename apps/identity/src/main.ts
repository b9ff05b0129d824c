import 'reflect-metadata';
import { runService } from '@warden/infrastructure';
import { IdentityModule } from './identity.module';

/** Distributed mode: the identity service alone (`WARDEN_APP=identity npm run start:app`). */
void runService({ serviceName: 'identity', modules: [IdentityModule], needs: { eventStore: true } });
