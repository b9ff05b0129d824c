import 'reflect-metadata';
import { runService } from '@warden/infrastructure';
import { IngressModule } from './ingress.module';

void runService({ serviceName: 'ingress', modules: [IngressModule.forRoot()], needs: { eventStore: false } });
