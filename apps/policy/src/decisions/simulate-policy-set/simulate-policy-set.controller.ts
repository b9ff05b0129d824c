import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { SimulationReport } from '@warden/policy-engine';
import { Access } from '../../auth/policy-access.decorator';
import { PolicyAdminGuard } from '../../auth/policy-admin.guard';
import { SimulatePolicySetHandler } from './simulate-policy-set.handler';
import { SimulatePolicySetRequestDto } from './simulate-policy-set.request.dto';

@ApiTags('policy')
@ApiBearerAuth()
@Controller('v1/orgs/:org/policies/simulate')
@UseGuards(PolicyAdminGuard)
export class SimulatePolicySetController {
  constructor(private readonly handler: SimulatePolicySetHandler) {}

  /** Which of the given recorded decisions a draft policy set would change; nothing is published. */
  @Post()
  @HttpCode(200)
  @Access('read')
  @ApiProblems(400, 401, 403, 404)
  simulate(@Param('org') org: string, @Body() body: SimulatePolicySetRequestDto): SimulationReport {
    return this.handler.execute(org, body);
  }
}
