import 'reflect-metadata';
import { runService } from '@warden/infrastructure';
import { STANDALONE_MODULES } from './standalone.modules';

void runService({ serviceName: 'warden', modules: STANDALONE_MODULES, needs: { eventStore: true } });
