import { chatRequest } from './in-memory-ports';
import type { IngressRequest, PipelineContext } from '../src/pipeline/ingress-request';

export function contextFor(
  overrides: Partial<IngressRequest> = {},
  fill: Partial<PipelineContext> = {},
): PipelineContext {
  return { request: chatRequest(overrides), decisionId: 'dec_1', trace: [], ...fill };
}
