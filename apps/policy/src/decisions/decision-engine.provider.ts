import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DecisionEngine } from '@warden/policy-engine';
import { POLICY_OPTIONS, type PolicyOptions } from '../policy.options';

/** One engine per process: it caches compiled connections and prepared Cedar policy sets. */
@Injectable()
export class DecisionEngineHolder implements OnModuleDestroy {
  readonly engine: DecisionEngine;

  constructor(@Inject(POLICY_OPTIONS) options: PolicyOptions) {
    this.engine = new DecisionEngine({ maxStalenessMs: options.maxStalenessMs });
  }

  onModuleDestroy(): void {
    this.engine.dispose();
  }
}
