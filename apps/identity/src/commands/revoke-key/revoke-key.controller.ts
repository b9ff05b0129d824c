import { Controller, Delete, HttpCode, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '../../application/request-context';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import { Ctx } from '../../auth/request-context.decorator';
import { RevokeKeyHandler } from './revoke-key.handler';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals/:id/keys/:keyId')
@UseGuards(AdminGuard)
export class RevokeKeyController {
  constructor(private readonly handler: RevokeKeyHandler) {}

  @Delete()
  @HttpCode(204)
  @Access('write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The principal version; a stale one answers 412.',
  })
  async revoke(
    @Param('org') org: string,
    @Param('id') id: string,
    @Param('keyId') keyId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    await this.handler.execute({ organizationId: org, principalId: id, keyId }, ctx);
  }
}
