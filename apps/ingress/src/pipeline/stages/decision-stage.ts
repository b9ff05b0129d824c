import type { Denial } from '../denial';
import type { PipelineContext } from '../ingress-request';
import type { DecisionStageName } from '../pipeline-stages';

/** One stage before the upstream call: fills the context, or answers a denial that stops the request. */
export interface DecisionStage {
  readonly name: DecisionStageName;
  run(context: PipelineContext): Promise<Denial | undefined> | Denial | undefined;
}
