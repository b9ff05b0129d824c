import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import { PolicyStreams } from '../../application/streams';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { withVersion } from '../../http/reply-headers';
import { connectionResponse, type ConnectionResponse } from '../../http/responses';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/connections/:id')
@UseGuards(PolicyAdminGuard)
export class GetConnectionController {
  constructor(private readonly streams: PolicyStreams) {}

  @Get()
  @Access('read')
  @ApiProblems(401, 403, 404)
  async get(
    @Param('org') org: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConnectionResponse> {
    return withVersion(reply, connectionResponse((await this.streams.connection(org, id)).state));
  }
}
