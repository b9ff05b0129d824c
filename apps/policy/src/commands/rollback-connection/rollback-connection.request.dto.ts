import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class RollbackConnectionRequestDto {
  @ApiProperty({
    minimum: 1,
    description: 'An earlier version; the connection gets a new version equal to it.',
  })
  @IsInt()
  @Min(1)
  readonly toVersion!: number;
}
