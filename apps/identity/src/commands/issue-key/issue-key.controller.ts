import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { IssuedKeyResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { sendCreated } from '../../http/reply-headers';
import type { IssuedKeyResponse } from '../../http/responses';
import { IssueKeyHandler } from './issue-key.handler';
import { IssueKeyRequestDto } from './issue-key.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals/:id/keys')
@UseGuards(AdminGuard)
export class IssueKeyController {
  constructor(private readonly handler: IssueKeyHandler) {}

  @Post()
  @ApiCreatedResponse({ type: IssuedKeyResponseDoc })
  @HttpCode(201)
  @Access('issue-key')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A replay answers the first response without the secret.',
  })
  async issue(
    @Param('org') org: string,
    @Param('id') id: string,
    @Body() body: IssueKeyRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedKeyResponse> {
    const created = await this.handler.execute(
      {
        organizationId: org,
        principalId: id,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.expiresAt !== undefined ? { expiresAt: new Date(body.expiresAt) } : {}),
      },
      ctx,
    );
    return sendCreated(reply, created);
  }
}
