import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PrincipalResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { withVersion } from '../../http/reply-headers';
import type { PrincipalResponse } from '../../http/responses';
import { GetPrincipalHandler } from './get-principal.handler';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals/:id')
@UseGuards(AdminGuard)
export class GetPrincipalController {
  constructor(private readonly handler: GetPrincipalHandler) {}

  @Get()
  @ApiOkResponse({ type: PrincipalResponseDoc })
  @Access('read')
  async get(
    @Param('org') org: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PrincipalResponse> {
    return withVersion(reply, await this.handler.execute(org, id, new Date()));
  }
}
