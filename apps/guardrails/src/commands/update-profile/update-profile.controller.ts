import { Body, Controller, Param, Patch, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrgAccess, OrgAdminGuard } from '@warden/identity-auth';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { Ctx } from '../../auth/request-context.decorator';
import { detectorsFromBody } from '../../http/detectors-from-body';
import { withVersion } from '../../http/reply-headers';
import { GuardrailProfileDoc } from '../../http/response-docs.dto';
import type { GuardrailProfileResponse } from '../../http/responses';
import { ProfileIdPipe } from '../../http/profile-id.pipe';
import { UpdateProfileHandler } from './update-profile.handler';
import { UpdateProfileRequestDto } from './update-profile.request.dto';

@ApiTags('guardrails')
@ApiBearerAuth()
@Controller('v1/orgs/:org/guardrail-profiles/:id')
@UseGuards(OrgAdminGuard)
export class UpdateProfileController {
  constructor(private readonly handler: UpdateProfileHandler) {}

  @Patch()
  @OrgAccess('write')
  @ApiOkResponse({ type: GuardrailProfileDoc })
  @ApiProblems(400, 401, 403, 404, 412)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The profile version; a stale one answers 412.',
  })
  async update(
    @Param('org') org: string,
    @Param('id', ProfileIdPipe) id: string,
    @Body() body: UpdateProfileRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GuardrailProfileResponse> {
    return withVersion(
      reply,
      await this.handler.execute(
        {
          organizationId: org,
          profileId: id,
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.input !== undefined ? { input: detectorsFromBody(body.input) } : {}),
          ...(body.output !== undefined ? { output: detectorsFromBody(body.output) } : {}),
        },
        ctx,
      ),
    );
  }
}
