import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { PolicyResourceKindV1 } from '@warden/contracts';

const KINDS: readonly PolicyResourceKindV1[] = ['model', 'mcp_server', 'http_api', 'data_source'];

export class UpstreamDto {
  @ApiProperty({ example: 'https://tools.example.com/mcp' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  readonly baseUrl!: string;

  @ApiPropertyOptional({
    example: 'env:FILES_TOKEN',
    description:
      'A reference to the upstream credential, `env:NAME` or `file:/absolute/path` — never the credential itself.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^(env|file):/, { message: 'must be a reference, env:NAME or file:/absolute/path' })
  readonly credentialRef?: string;
}

export class RegisterResourceRequestDto {
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  readonly kind!: PolicyResourceKindV1;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  readonly name!: string;

  @ApiProperty({ type: UpstreamDto })
  @ValidateNested()
  @Type(() => UpstreamDto)
  readonly upstream!: UpstreamDto;

  @ApiPropertyOptional({
    description: 'String or string-list values; `labels` (e.g. sensitivity labels) is a list.',
    example: { labels: ['confidential'] },
  })
  @IsOptional()
  @IsObject()
  readonly attributes?: Record<string, string | string[]>;
}
