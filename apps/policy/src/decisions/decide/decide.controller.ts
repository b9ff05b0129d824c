import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiProblems, validationPipe } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import { DECISION_CALLER_AUTHENTICATOR, type DecisionCallerAuthenticator } from '../decision-caller.port';
import { certainlyValidDecideRequest } from './decide-request.fast-path';
import { DecideHandler, type DecisionResponse } from './decide.handler';
import { DecideRequestDto } from './decide.request.dto';

const VALIDATION = validationPipe();

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('v1/decisions')
export class DecideController {
  constructor(
    private readonly handler: DecideHandler,
    @Inject(DECISION_CALLER_AUTHENTICATOR) private readonly callers: DecisionCallerAuthenticator,
  ) {}

  /** allow | deny | approval_required, with the reasons naming the deciding policies. Deny by default; stale state denies. */
  @Post()
  @HttpCode(200)
  @ApiBody({ type: DecideRequestDto })
  @ApiProblems(400, 401)
  decide(
    @Headers('authorization') authorization: string | undefined,
    // Typed `unknown` so the global pipe passes it through: validated below, on a fast path when possible.
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionResponse> {
    if (certainlyValidDecideRequest(body)) return this.answer(authorization, body, reply);
    return VALIDATION.transform(body, { type: 'body', metatype: DecideRequestDto }).then(
      (request: DecideRequestDto) => this.answer(authorization, request, reply),
    );
  }

  private async answer(
    authorization: string | undefined,
    request: DecideRequestDto,
    reply: FastifyReply,
  ): Promise<DecisionResponse> {
    const now = new Date();
    const answer = await this.handler.execute(this.callers.authenticate(authorization, now), request, {
      now: now.getTime(),
      requestId: String(reply.request.id),
    });
    void reply.header('x-warden-decision-id', answer.decisionId);
    return answer;
  }
}
