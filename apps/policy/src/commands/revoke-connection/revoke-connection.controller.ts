import { Controller, Delete, HttpCode, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { RequestContext } from '../../application/request-context';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { RevokeConnectionHandler } from './revoke-connection.handler';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/connections/:id')
@UseGuards(PolicyAdminGuard)
export class RevokeConnectionController {
  constructor(private readonly handler: RevokeConnectionHandler) {}

  @Delete()
  @HttpCode(204)
  @Access('write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The connection version; a stale one answers 412.',
  })
  @ApiProblems(401, 403, 404, 412)
  async revoke(
    @Param('org') org: string,
    @Param('id') id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    await this.handler.execute(org, id, ctx);
  }
}
