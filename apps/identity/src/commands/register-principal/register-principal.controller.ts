import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { PrincipalResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { sendCreated, withVersion } from '../../http/reply-headers';
import type { PrincipalResponse } from '../../http/responses';
import { RegisterPrincipalHandler } from './register-principal.handler';
import { RegisterPrincipalRequestDto } from './register-principal.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals')
@UseGuards(AdminGuard)
export class RegisterPrincipalController {
  constructor(private readonly handler: RegisterPrincipalHandler) {}

  @Post()
  @ApiCreatedResponse({ type: PrincipalResponseDoc })
  @HttpCode(201)
  @Access('register-principal')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async register(
    @Param('org') org: string,
    @Body() body: RegisterPrincipalRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PrincipalResponse> {
    const created = await this.handler.execute(
      {
        organizationId: org,
        kind: body.kind,
        name: body.name,
        attributes: { ...body.attributes },
        ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
        roles: body.roles ?? [],
        ...(body.oidcSubject !== undefined ? { oidcSubject: body.oidcSubject } : {}),
      },
      ctx,
    );
    return withVersion(reply, sendCreated(reply, created));
  }
}
