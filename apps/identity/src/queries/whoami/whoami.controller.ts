import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '../../application/request-context';
import { WhoamiResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { WhoamiHandler, type WhoamiResponse } from './whoami.handler';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/whoami')
@UseGuards(AdminGuard)
export class WhoamiController {
  constructor(private readonly handler: WhoamiHandler) {}

  @Get()
  @ApiOkResponse({ type: WhoamiResponseDoc })
  @Access('authenticated')
  whoami(@Ctx() ctx: RequestContext): WhoamiResponse {
    return this.handler.execute(ctx.caller);
  }
}
