import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OPERATION_ACTIONS, type DecisionOutcome, type OperationAction } from '@warden/policy-engine';
import { DecisionContextDto } from '../decide/decide.request.dto';

export class RecordedContextDto extends DecisionContextDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description: 'The trust score recorded with the decision.',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  readonly trustScore?: number;
}

/** A decision as recorded (until the audit store holds decisions, the request carries them). */
export class RecordedDecisionDto {
  @ApiProperty({ example: 'dec_01hx' })
  @IsString()
  @Length(1, 128)
  readonly decisionId!: string;

  @ApiProperty({ example: 'prn_01hx' })
  @IsString()
  @Matches(/^prn_[A-Za-z0-9]+$/)
  readonly principalId!: string;

  @ApiProperty({ example: 'res_01hx' })
  @IsString()
  @Matches(/^res_[A-Za-z0-9]+$/)
  readonly resourceId!: string;

  @ApiProperty({ enum: OPERATION_ACTIONS })
  @IsIn(OPERATION_ACTIONS)
  readonly action!: OperationAction;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  readonly target!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  readonly arguments?: Record<string, unknown>;

  @ApiPropertyOptional({ type: RecordedContextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecordedContextDto)
  readonly context?: RecordedContextDto;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  readonly time!: string;

  @ApiProperty({ enum: ['allow', 'deny', 'approval_required'] })
  @IsIn(['allow', 'deny', 'approval_required'])
  readonly decision!: DecisionOutcome;
}

export class SimulatePolicySetRequestDto {
  @ApiProperty({ description: 'The draft Cedar policy set.' })
  @IsString()
  @MaxLength(262144)
  readonly policies!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Replay decisions at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Replay decisions before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  readonly to?: string;

  @ApiProperty({ type: [RecordedDecisionDto] })
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => RecordedDecisionDto)
  readonly decisions!: RecordedDecisionDto[];
}
