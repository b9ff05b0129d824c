import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { OPERATION_ACTIONS, type OperationAction } from '@warden/policy-engine';

export class DecisionContextDto {
  @ApiPropertyOptional({ example: 'gpt-4o' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly model?: string;

  @ApiPropertyOptional({ example: 'fs.read' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly tool?: string;

  @ApiPropertyOptional({ description: 'Estimated cost in currency units.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  readonly estimatedCost?: number;

  @ApiPropertyOptional({ description: 'Content finding types from a guardrails scan, e.g. `pii.email`.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  readonly findings?: string[];
}

export class DecideRequestDto {
  @ApiProperty({ example: 'res_01hx' })
  @IsString()
  @Matches(/^res_[A-Za-z0-9]+$/)
  readonly resourceId!: string;

  @ApiProperty({ enum: OPERATION_ACTIONS })
  @IsIn(OPERATION_ACTIONS)
  readonly action!: OperationAction;

  @ApiProperty({
    description: 'A model name, a tool name, `"<METHOD> <path>"` or a collection.',
    example: 'fs.read',
  })
  @IsString()
  @Length(1, 1024)
  readonly target!: string;

  @ApiPropertyOptional({ example: { path: '/srv/reports/q3.pdf' } })
  @IsOptional()
  @IsObject()
  readonly arguments?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The content of the call (not inspected by this API yet; pass findings in context).',
  })
  @IsOptional()
  @IsString()
  readonly content?: string;

  @ApiPropertyOptional({ type: DecisionContextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionContextDto)
  readonly context?: DecisionContextDto;
}
