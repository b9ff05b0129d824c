import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AnalyticsClient } from '@warden/analytics';
import { OrgScopeGuard } from './access/org-scope.guard';
import { ANALYTICS_CLIENT } from './analytics/analytics-client.provider';
import { accessReport } from './reports/access-report';
import { credentialsReport } from './reports/credentials-report';
import { queryAuditEvents } from './reports/query-audit-events';
import type { RawQuery } from './reports/query-params';
import { spendReport } from './reports/spend-report';
import { verifyTrail } from './trail/verify-trail';

/** Thin: each route is one use case over ClickHouse, scoped to the path's organization by the guard. */
@ApiTags('audit')
@Controller('v1/orgs/:org')
@UseGuards(OrgScopeGuard)
export class AuditController {
  constructor(@Inject(ANALYTICS_CLIENT) private readonly client: AnalyticsClient) {}

  @Get('audit/events')
  @ApiOperation({ summary: 'Query the audit trail (filters, cursor)' })
  events(@Param('org') org: string, @Query() query: RawQuery) {
    return queryAuditEvents(this.client, org, query);
  }

  @Post('audit/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute the hash chains of the trail and report the first break' })
  verify(@Param('org') org: string, @Query() query: RawQuery) {
    return verifyTrail(this.client, org, query);
  }

  @Get('reports/access')
  @ApiOperation({ summary: 'Who could access and who used a resource in a window' })
  access(@Param('org') org: string, @Query() query: RawQuery) {
    return accessReport(this.client, org, query, new Date());
  }

  @Get('reports/credentials')
  @ApiOperation({ summary: 'Credentialed principals and their grants, now or at a past instant' })
  credentials(@Param('org') org: string, @Query() query: RawQuery) {
    return credentialsReport(this.client, org, query, new Date());
  }

  @Get('reports/spend')
  @ApiOperation({ summary: 'Spend grouped by principal, connection, workflow or model' })
  spend(@Param('org') org: string, @Query() query: RawQuery) {
    return spendReport(this.client, org, query, new Date());
  }
}
