import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrgAccess, OrgAdminGuard } from '@warden/identity-auth';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import { ProfileIdPipe } from '../../http/profile-id.pipe';
import { withVersion } from '../../http/reply-headers';
import { GuardrailProfileDoc } from '../../http/response-docs.dto';
import type { GuardrailProfileResponse } from '../../http/responses';
import { GetProfileHandler } from './get-profile.handler';

@ApiTags('guardrails')
@ApiBearerAuth()
@Controller('v1/orgs/:org/guardrail-profiles/:id')
@UseGuards(OrgAdminGuard)
export class GetProfileController {
  constructor(private readonly handler: GetProfileHandler) {}

  @Get()
  @OrgAccess('read')
  @ApiOkResponse({ type: GuardrailProfileDoc })
  @ApiProblems(401, 403, 404)
  async get(
    @Param('org') org: string,
    @Param('id', ProfileIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GuardrailProfileResponse> {
    return withVersion(reply, await this.handler.execute(org, id));
  }
}
