import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../../application/request-context';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { sendCreated } from '../../http/reply-headers';
import type { ResourceResponse } from '../../http/responses';
import { RegisterResourceHandler } from './register-resource.handler';
import { RegisterResourceRequestDto } from './register-resource.request.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/resources')
@UseGuards(PolicyAdminGuard)
export class RegisterResourceController {
  constructor(private readonly handler: RegisterResourceHandler) {}

  @Post()
  @HttpCode(201)
  @Access('write')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiProblems(400, 401, 403, 404, 409)
  async register(
    @Param('org') org: string,
    @Body() body: RegisterResourceRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResourceResponse> {
    const created = await this.handler.execute(
      {
        orgId: org,
        kind: body.kind,
        name: body.name,
        upstream: {
          baseUrl: body.upstream.baseUrl,
          ...(body.upstream.credentialRef !== undefined
            ? { credentialRef: body.upstream.credentialRef }
            : {}),
        },
        attributes: { ...body.attributes },
      },
      ctx,
    );
    return sendCreated(reply, created);
  }
}
