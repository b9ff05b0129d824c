import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { PageQueryDto } from '../../http/page-query.dto';
import type { ConnectionVersionResponse, Page } from '../../http/responses';
import { ListConnectionVersionsHandler } from './list-connection-versions.handler';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/connections/:id/versions')
@UseGuards(PolicyAdminGuard)
export class ListConnectionVersionsController {
  constructor(private readonly handler: ListConnectionVersionsHandler) {}

  @Get()
  @Access('read')
  @ApiProblems(400, 401, 403, 404)
  list(
    @Param('org') org: string,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ConnectionVersionResponse>> {
    return this.handler.execute(org, id, query.limit, query.cursor);
  }
}
