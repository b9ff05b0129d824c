import { ApiPropertyOptional } from '@nestjs/swagger';
import { PRINCIPAL_KINDS, type PrincipalKind } from '@warden/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const PRINCIPAL_STATUSES = ['active', 'suspended', 'revoked'] as const;

export class ListPrincipalsRequestDto {
  @ApiPropertyOptional({ enum: PRINCIPAL_KINDS })
  @IsOptional()
  @IsIn(PRINCIPAL_KINDS)
  readonly kind?: PrincipalKind;

  @ApiPropertyOptional({ enum: PRINCIPAL_STATUSES })
  @IsOptional()
  @IsIn(PRINCIPAL_STATUSES)
  readonly status?: (typeof PRINCIPAL_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  readonly cursor?: string;
}
