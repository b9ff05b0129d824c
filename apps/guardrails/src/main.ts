import 'reflect-metadata';
import { runService } from '@warden/infrastructure';
import { GuardrailsModule } from './guardrails.module';

/** Distributed mode: the guardrails service alone (`WARDEN_APP=guardrails npm run start:app`). */
void runService({ serviceName: 'guardrails', modules: [GuardrailsModule], needs: { eventStore: true } });
