import { Body, Controller, Param, Patch, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { withVersion } from '../../http/reply-headers';
import type { ConnectionResponse } from '../../http/responses';
import { patchFromBody } from '../../http/spec-from-body';
import { UpdateConnectionHandler } from './update-connection.handler';
import { UpdateConnectionRequestDto } from './update-connection.request.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/connections/:id')
@UseGuards(PolicyAdminGuard)
export class UpdateConnectionController {
  constructor(private readonly handler: UpdateConnectionHandler) {}

  @Patch()
  @Access('write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The connection version; a stale one answers 412.',
  })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async update(
    @Param('org') org: string,
    @Param('id') id: string,
    @Body() body: UpdateConnectionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConnectionResponse> {
    return withVersion(reply, await this.handler.execute(org, id, patchFromBody(body), ctx));
  }
}
