import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPERATION_ACTIONS, type OperationAction } from '@warden/policy-engine';
import { sendProblem } from '../http/send-problem';
import { INGRESS_PIPELINE } from '../ingress-tokens';
import type { IngressPipeline } from '../pipeline/ingress-pipeline';
import { DECISION_ID_HEADER } from '../openai/openai-error';
import { ingressHeaders } from '../openai/request-headers';

function isAction(value: unknown): value is OperationAction {
  return typeof value === 'string' && (OPERATION_ACTIONS as readonly string[]).includes(value);
}

/**
 * SDK/sidecar mode: the pipeline's decision stages, same records, no upstream call. A refusal is an
 * answer (200, `decision: deny`), except authentication and an unknown resource, which are HTTP errors.
 */
@Controller('v1')
export class DecisionsController {
  constructor(@Inject(INGRESS_PIPELINE) private readonly pipeline: IngressPipeline) {}

  @Post('decisions')
  @ApiTags('ingress')
  @ApiOperation({
    summary: 'SDK/sidecar mode: the same decision and record as the proxy, without the upstream call',
  })
  @HttpCode(200)
  async decide(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body.resourceId !== 'string' || !isAction(body.action) || typeof body.target !== 'string') {
      await sendProblem(
        reply,
        400,
        'validation_failed',
        '`resourceId`, `action` (an operation action) and `target` are required',
      );
      return;
    }
    const args =
      typeof body.arguments === 'object' && body.arguments !== null
        ? (body.arguments as Record<string, unknown>)
        : undefined;
    const outcome = await this.pipeline.run({
      requestId: String(request.id),
      surface: 'decision_api',
      ...ingressHeaders(request),
      resourceId: body.resourceId,
      action: body.action,
      target: body.target,
      ...(args !== undefined && { arguments: args }),
      ...(typeof body.content === 'string' && { inputText: body.content }),
      receivedAt: new Date(),
    });
    const { context, denial } = outcome;
    void reply.header(DECISION_ID_HEADER, context.decisionId);
    if (denial?.code === 'unauthenticated') {
      await sendProblem(reply, 401, 'unauthenticated', denial.message);
      return;
    }
    if (denial?.code === 'not_found') {
      await sendProblem(reply, 404, 'not_found', denial.message);
      return;
    }
    await reply.code(200).send({
      decision:
        denial === undefined ? 'allow' : denial.code === 'approval_required' ? 'approval_required' : 'deny',
      reasons:
        denial === undefined
          ? (context.decision?.reasons ?? [])
          : [
              {
                code: denial.code,
                message: denial.message,
                ...(denial.detailCode !== undefined && { detail: denial.detailCode }),
              },
            ],
      obligations: context.decision?.obligations ?? {},
      decisionId: context.decisionId,
      policyVersion: context.decision?.policyVersion ?? null,
    });
  }
}
