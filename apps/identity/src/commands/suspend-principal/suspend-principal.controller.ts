import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { PrincipalResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { withVersion } from '../../http/reply-headers';
import type { PrincipalResponse } from '../../http/responses';
import { SuspendPrincipalHandler } from './suspend-principal.handler';
import { SuspendPrincipalRequestDto } from './suspend-principal.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals/:id/suspend')
@UseGuards(AdminGuard)
export class SuspendPrincipalController {
  constructor(private readonly handler: SuspendPrincipalHandler) {}

  @Post()
  @ApiOkResponse({ type: PrincipalResponseDoc })
  @HttpCode(200)
  @Access('write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The principal version; a stale one answers 412.',
  })
  async suspend(
    @Param('org') org: string,
    @Param('id') id: string,
    @Body() body: SuspendPrincipalRequestDto = {},
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PrincipalResponse> {
    return withVersion(
      reply,
      await this.handler.execute(
        {
          organizationId: org,
          principalId: id,
          ...(body.reason !== undefined ? { reason: body.reason } : {}),
        },
        ctx,
      ),
    );
  }
}
