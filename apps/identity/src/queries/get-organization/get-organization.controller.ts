import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrganizationResponseDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import type { OrganizationResponse } from '../../http/responses';
import { GetOrganizationHandler } from './get-organization.handler';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org')
@UseGuards(AdminGuard)
export class GetOrganizationController {
  constructor(private readonly handler: GetOrganizationHandler) {}

  @Get()
  @ApiOkResponse({ type: OrganizationResponseDoc })
  @Access('read')
  get(@Param('org') org: string): Promise<OrganizationResponse> {
    return this.handler.execute(org);
  }
}
