import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { sendCreated, withVersion } from '../../http/reply-headers';
import type { ConnectionResponse } from '../../http/responses';
import { specFromBody } from '../../http/spec-from-body';
import { CreateConnectionHandler } from './create-connection.handler';
import { CreateConnectionRequestDto } from './create-connection.request.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/connections')
@UseGuards(PolicyAdminGuard)
export class CreateConnectionController {
  constructor(private readonly handler: CreateConnectionHandler) {}

  @Post()
  @HttpCode(201)
  @Access('write')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(
    @Param('org') org: string,
    @Body() body: CreateConnectionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConnectionResponse> {
    const { principalId, resourceId, ...fields } = body;
    const created = await this.handler.execute(
      {
        orgId: org,
        principalId,
        resourceId,
        spec: { ...specFromBody(fields), operations: body.operations, failMode: body.failMode ?? 'closed' },
      },
      ctx,
    );
    return withVersion(reply, sendCreated(reply, created));
  }
}
