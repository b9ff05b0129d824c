import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { PageQueryDto } from '../../http/page-query.dto';
import type { Page } from '../../http/responses';
import { ListPolicyVersionsHandler, type PolicyVersionResponse } from './list-policy-versions.handler';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/policies/versions')
@UseGuards(PolicyAdminGuard)
export class ListPolicyVersionsController {
  constructor(private readonly handler: ListPolicyVersionsHandler) {}

  @Get()
  @Access('read')
  @ApiProblems(400, 401, 403, 404)
  list(@Param('org') org: string, @Query() query: PageQueryDto): Promise<Page<PolicyVersionResponse>> {
    return this.handler.execute(org, query.limit, query.cursor);
  }
}
