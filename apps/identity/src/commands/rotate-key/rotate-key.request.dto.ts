import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_GRACE_PERIOD_SECONDS } from '../../domain/principal/principal.commands';

export class RotateKeyRequestDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_GRACE_PERIOD_SECONDS,
    example: 3600,
    description: 'How long the old key keeps working.',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_PERIOD_SECONDS)
  readonly gracePeriodSeconds!: number;
}
