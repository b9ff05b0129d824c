import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { OrgAccess, OrgAdminGuard } from '@warden/identity-auth';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { Ctx } from '../../auth/request-context.decorator';
import { detectorsFromBody } from '../../http/detectors-from-body';
import { sendCreated, withVersion } from '../../http/reply-headers';
import { GuardrailProfileDoc } from '../../http/response-docs.dto';
import type { GuardrailProfileResponse } from '../../http/responses';
import { CreateProfileHandler } from './create-profile.handler';
import { CreateProfileRequestDto } from './create-profile.request.dto';

@ApiTags('guardrails')
@ApiBearerAuth()
@Controller('v1/orgs/:org/guardrail-profiles')
@UseGuards(OrgAdminGuard)
export class CreateProfileController {
  constructor(private readonly handler: CreateProfileHandler) {}

  @Post()
  @HttpCode(201)
  @OrgAccess('write')
  @ApiCreatedResponse({ type: GuardrailProfileDoc })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @Param('org') org: string,
    @Body() body: CreateProfileRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GuardrailProfileResponse> {
    const created = await this.handler.execute(
      {
        organizationId: org,
        name: body.name,
        input: detectorsFromBody(body.input),
        output: detectorsFromBody(body.output),
      },
      ctx,
    );
    return withVersion(reply, sendCreated(reply, created));
  }
}
