import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GUARDRAIL_ACTIONS,
  GUARDRAIL_DETECTOR_TYPES,
  type GuardrailActionV1,
  type GuardrailDetectorTypeV1,
} from '@warden/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** The PII types the engine detects (libs/detectors PiiType). */
export const PII_TYPES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'IP_ADDRESS',
  'NATIONAL_ID',
  'PERSON',
  'STREET_ADDRESS',
  'DATE_OF_BIRTH',
] as const;

export const MAX_DETECTORS_PER_DIRECTION = 8;

/** The options the engine understands, each for one detector type (checked by the profile decider). */
export class DetectorOptionsDto {
  @ApiPropertyOptional({ enum: PII_TYPES, isArray: true, description: 'pii only: the PII types to detect.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PII_TYPES.length)
  @ArrayUnique()
  @IsIn(PII_TYPES, { each: true })
  readonly types?: string[];

  @ApiPropertyOptional({ type: [String], description: 'exfil only: hosts links and images may point to.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62}\.)*[A-Za-z0-9-]{1,63}$/, { each: true })
  readonly allowedHosts?: string[];

  @ApiPropertyOptional({ description: 'injection only: also score windows of long texts (default true).' })
  @IsOptional()
  @IsBoolean()
  readonly windows?: boolean;
}

export class DetectorDto {
  @ApiProperty({ enum: GUARDRAIL_DETECTOR_TYPES })
  @IsIn(GUARDRAIL_DETECTOR_TYPES)
  readonly type!: GuardrailDetectorTypeV1;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Findings scoring below are ignored.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  readonly threshold?: number;

  @ApiProperty({ enum: GUARDRAIL_ACTIONS })
  @IsIn(GUARDRAIL_ACTIONS)
  readonly action!: GuardrailActionV1;

  @ApiPropertyOptional({ type: DetectorOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DetectorOptionsDto)
  readonly options?: DetectorOptionsDto;
}
