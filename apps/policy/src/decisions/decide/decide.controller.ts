import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import { DECISION_CALLER_AUTHENTICATOR, type DecisionCallerAuthenticator } from '../decision-caller.port';
import { DecideHandler, type DecisionResponse } from './decide.handler';
import { DecideRequestDto } from './decide.request.dto';

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
  @ApiProblems(400, 401)
  decide(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: DecideRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): DecisionResponse {
    const now = new Date();
    const answer = this.handler.execute(this.callers.authenticate(authorization, now), body, now.getTime());
    void reply.header('x-warden-decision-id', answer.decisionId);
    return answer;
  }
}
