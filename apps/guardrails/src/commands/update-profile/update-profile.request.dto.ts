import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DetectorDto, MAX_DETECTORS_PER_DIRECTION } from '../../http/detector.dto';

/** Only the fields present change; a detector list given replaces the whole list of its direction. */
export class UpdateProfileRequestDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly name?: string;

  @ApiPropertyOptional({ type: [DetectorDto], maxItems: MAX_DETECTORS_PER_DIRECTION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DETECTORS_PER_DIRECTION)
  @ValidateNested({ each: true })
  @Type(() => DetectorDto)
  readonly input?: DetectorDto[];

  @ApiPropertyOptional({ type: [DetectorDto], maxItems: MAX_DETECTORS_PER_DIRECTION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DETECTORS_PER_DIRECTION)
  @ValidateNested({ each: true })
  @Type(() => DetectorDto)
  readonly output?: DetectorDto[];
}
