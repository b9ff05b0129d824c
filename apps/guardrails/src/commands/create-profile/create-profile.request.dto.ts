import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { DetectorDto, MAX_DETECTORS_PER_DIRECTION } from '../../http/detector.dto';

export class CreateProfileRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'support-bot' })
  @IsString()
  @Length(1, 200)
  readonly name!: string;

  @ApiProperty({ type: [DetectorDto], maxItems: MAX_DETECTORS_PER_DIRECTION })
  @IsArray()
  @ArrayMaxSize(MAX_DETECTORS_PER_DIRECTION)
  @ValidateNested({ each: true })
  @Type(() => DetectorDto)
  readonly input!: DetectorDto[];

  @ApiProperty({ type: [DetectorDto], maxItems: MAX_DETECTORS_PER_DIRECTION })
  @IsArray()
  @ArrayMaxSize(MAX_DETECTORS_PER_DIRECTION)
  @ValidateNested({ each: true })
  @Type(() => DetectorDto)
  readonly output!: DetectorDto[];
}
