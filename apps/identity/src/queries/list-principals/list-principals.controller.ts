import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PrincipalPageDoc } from '../../http/response-docs.dto';
import { Access } from '../../auth/admin-access.decorator';
import { AdminGuard } from '../../auth/admin.guard';
import type { Page, PrincipalResponse } from '../../http/responses';
import { ListPrincipalsHandler } from './list-principals.handler';
import { ListPrincipalsRequestDto } from './list-principals.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('v1/orgs/:org/principals')
@UseGuards(AdminGuard)
export class ListPrincipalsController {
  constructor(private readonly handler: ListPrincipalsHandler) {}

  @Get()
  @ApiOkResponse({ type: PrincipalPageDoc })
  @Access('read')
  list(
    @Param('org') org: string,
    @Query() query: ListPrincipalsRequestDto,
  ): Promise<Page<PrincipalResponse>> {
    return this.handler.execute(
      {
        organizationId: org,
        limit: query.limit ?? 50,
        ...(query.kind !== undefined ? { kind: query.kind } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      },
      new Date(),
    );
  }
}
