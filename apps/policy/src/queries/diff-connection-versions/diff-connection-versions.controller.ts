import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import {
  DiffConnectionVersionsHandler,
  type ConnectionDiffResponse,
} from './diff-connection-versions.handler';
import { DiffConnectionVersionsQueryDto } from './diff-connection-versions.request.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/connections/:id/diff')
@UseGuards(PolicyAdminGuard)
export class DiffConnectionVersionsController {
  constructor(private readonly handler: DiffConnectionVersionsHandler) {}

  /** The fields that differ between two versions, each with its value before and after. */
  @Get()
  @Access('read')
  @ApiProblems(400, 401, 403, 404)
  diff(
    @Param('org') org: string,
    @Param('id') id: string,
    @Query() query: DiffConnectionVersionsQueryDto,
  ): Promise<ConnectionDiffResponse> {
    return this.handler.execute(org, id, query.from, query.to);
  }
}
