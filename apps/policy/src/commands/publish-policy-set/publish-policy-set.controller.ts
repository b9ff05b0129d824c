import { Body, Controller, Param, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { withVersion } from '../../http/reply-headers';
import { PublishPolicySetHandler } from './publish-policy-set.handler';
import { PublishPolicySetRequestDto } from './publish-policy-set.request.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/policies')
@UseGuards(PolicyAdminGuard)
export class PublishPolicySetController {
  constructor(private readonly handler: PublishPolicySetHandler) {}

  /** Every publication is a new version (an event); an invalid set answers 400 with Cedar's own message. */
  @Put()
  @Access('write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The current policy-set version; a stale one answers 412.',
  })
  @ApiProblems(400, 401, 403, 404, 412)
  async publish(
    @Param('org') org: string,
    @Body() body: PublishPolicySetRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ version: number }> {
    return withVersion(reply, await this.handler.execute(org, body.policies, ctx));
  }
}
