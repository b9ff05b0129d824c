import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@warden/platform';
import type { RequestContext } from '../../application/request-context';
import { Ctx } from '../../auth/request-context.decorator';
import { ScanCallerGuard } from '../../auth/scan-caller.guard';
import { ScanResponseDoc } from '../../http/response-docs.dto';
import type { ScanResponse } from '../../http/responses';
import { ScanContentHandler } from './scan-content.handler';
import { ScanContentRequestDto } from './scan-content.request.dto';

@ApiTags('guardrails')
@ApiBearerAuth()
@Controller('v1/scan')
@UseGuards(ScanCallerGuard)
export class ScanContentController {
  constructor(private readonly handler: ScanContentHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: ScanResponseDoc })
  @ApiProblems(400, 401, 403, 404, 413)
  scan(@Body() body: ScanContentRequestDto, @Ctx() ctx: RequestContext): Promise<ScanResponse> {
    return this.handler.execute(
      {
        direction: body.direction,
        content: body.content,
        ...(body.profileId !== undefined ? { profileId: body.profileId } : {}),
      },
      ctx,
    );
  }
}
