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
import { RotateKeyHandler } from './rotate-key.handler';
import { RotateKeyRequestDto } from './rotate-key.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals/:id/keys/:keyId/rotate')
@UseGuards(AdminGuard)
export class RotateKeyController {
  constructor(private readonly handler: RotateKeyHandler) {}

  @Post()
  @ApiCreatedResponse({ type: IssuedKeyResponseDoc })
  @HttpCode(201)
  @Access('write')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The principal version; a stale one answers 412.',
  })
  async rotate(
    @Param('org') org: string,
    @Param('id') id: string,
    @Param('keyId') keyId: string,
    @Body() body: RotateKeyRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedKeyResponse> {
    const created = await this.handler.execute(
      { organizationId: org, principalId: id, keyId, gracePeriodSeconds: body.gracePeriodSeconds },
      ctx,
    );
    return sendCreated(reply, created);
  }
}
