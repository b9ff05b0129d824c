import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrgAccess, OrgAdminGuard } from '@warden/identity-auth';
import { ApiProblems } from '@warden/platform';
import { GuardrailProfilePageDoc } from '../../http/response-docs.dto';
import type { GuardrailProfileResponse, Page } from '../../http/responses';
import { ListProfilesHandler } from './list-profiles.handler';
import { ListProfilesRequestDto } from './list-profiles.request.dto';

@ApiTags('guardrails')
@ApiBearerAuth()
@Controller('v1/orgs/:org/guardrail-profiles')
@UseGuards(OrgAdminGuard)
export class ListProfilesController {
  constructor(private readonly handler: ListProfilesHandler) {}

  @Get()
  @OrgAccess('read')
  @ApiOkResponse({ type: GuardrailProfilePageDoc })
  @ApiProblems(400, 401, 403, 404)
  list(
    @Param('org') org: string,
    @Query() query: ListProfilesRequestDto,
  ): Promise<Page<GuardrailProfileResponse>> {
    return this.handler.execute({
      organizationId: org,
      limit: query.limit ?? 50,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    });
  }
}
