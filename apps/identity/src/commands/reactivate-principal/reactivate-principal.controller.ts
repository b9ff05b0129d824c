import { Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { PrincipalResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { withVersion } from '../../http/reply-headers';
import type { PrincipalResponse } from '../../http/responses';
import { ReactivatePrincipalHandler } from './reactivate-principal.handler';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals/:id/reactivate')
@UseGuards(AdminGuard)
export class ReactivatePrincipalController {
  constructor(private readonly handler: ReactivatePrincipalHandler) {}

  @Post()
  @ApiOkResponse({ type: PrincipalResponseDoc })
  @HttpCode(200)
  @Access('write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The principal version; a stale one answers 412.',
  })
  async reactivate(
    @Param('org') org: string,
    @Param('id') id: string,

    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PrincipalResponse> {
    return withVersion(reply, await this.handler.execute({ organizationId: org, principalId: id }, ctx));
  }
}
