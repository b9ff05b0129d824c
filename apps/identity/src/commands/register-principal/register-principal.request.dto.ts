import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADMIN_ROLES, PRINCIPAL_KINDS, type AdminRole, type PrincipalKind } from '@warden/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsLabels } from '../../http/is-labels.validator';

export class PrincipalAttributesDto {
  @ApiPropertyOptional({ maxLength: 100, example: 'finance' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  readonly team?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'prod' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  readonly environment?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { tier: '1' } })
  @IsOptional()
  @IsLabels()
  readonly labels?: Record<string, string>;
}

export class RegisterPrincipalRequestDto {
  @ApiProperty({ enum: PRINCIPAL_KINDS })
  @IsIn(PRINCIPAL_KINDS)
  readonly kind!: PrincipalKind;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'invoice-bot' })
  @IsString()
  @Length(1, 200)
  readonly name!: string;

  @ApiPropertyOptional({ type: PrincipalAttributesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrincipalAttributesDto)
  readonly attributes?: PrincipalAttributesDto;

  @ApiPropertyOptional({
    description: 'A human principal of the organization; defaults to the calling human.',
    example: 'prn_…',
  })
  @IsOptional()
  @IsString()
  @Matches(/^prn_[A-Za-z0-9]{1,64}$/)
  readonly ownerId?: string;

  @ApiPropertyOptional({ enum: ADMIN_ROLES, isArray: true, description: 'Humans and applications only.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ADMIN_ROLES, { each: true })
  readonly roles?: AdminRole[];

  @ApiPropertyOptional({
    description: 'Humans only: the OIDC `sub` that signs in as this principal (issuer: OIDC_ISSUER).',
    maxLength: 255,
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  readonly oidcSubject?: string;
}
