import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import type { PolicyConnectionSpecV1 } from '@warden/contracts';

/**
 * The fields of a connection a version can change. Nested shapes (operations, rateLimit, budget, approval) are
 * checked against the event's JSON Schema and Warden's compilation rules; see API.md "Policy".
 */
export class ConnectionSpecFieldsDto {
  @ApiPropertyOptional({
    description: 'Allowed operations: `{ action, target, constraints? }`.',
    example: [{ action: 'mcp.tool', target: 'fs.read', constraints: { path: { prefix: '/srv/reports/' } } }],
  })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  readonly operations?: PolicyConnectionSpecV1['operations'];

  @ApiPropertyOptional({ example: { requestsPerMinute: 60 } })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsObject()
  readonly rateLimit?: PolicyConnectionSpecV1['rateLimit'] | null;

  @ApiPropertyOptional({ example: { limit: 100, currency: 'USD', window: 'month' } })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsObject()
  readonly budget?: PolicyConnectionSpecV1['budget'] | null;

  @ApiPropertyOptional({
    example: {
      operations: [{ action: 'mcp.tool', target: 'fs.delete' }],
      approverIds: ['prn_1'],
      ttlSeconds: 3600,
    },
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsObject()
  readonly approval?: PolicyConnectionSpecV1['approval'] | null;

  @ApiPropertyOptional()
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @Length(1, 128)
  readonly guardrailProfileId?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(0)
  @Max(100)
  readonly minTrust?: number | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  readonly expiresAt?: string | null;

  @ApiPropertyOptional({ enum: ['closed', 'open'], default: 'closed' })
  @IsOptional()
  @IsIn(['closed', 'open'])
  readonly failMode?: 'closed' | 'open';
}
