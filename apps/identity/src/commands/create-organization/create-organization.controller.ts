import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { OrganizationResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { sendCreated } from '../../http/reply-headers';
import type { OrganizationResponse } from '../../http/responses';
import { CreateOrganizationHandler } from './create-organization.handler';
import { CreateOrganizationRequestDto } from './create-organization.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs')
@UseGuards(AdminGuard)
export class CreateOrganizationController {
  constructor(private readonly handler: CreateOrganizationHandler) {}

  @Post()
  @ApiCreatedResponse({ type: OrganizationResponseDoc })
  @HttpCode(201)
  @Access('operator')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @Body() body: CreateOrganizationRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganizationResponse> {
    return sendCreated(reply, await this.handler.execute({ name: body.name }, ctx));
  }
}
