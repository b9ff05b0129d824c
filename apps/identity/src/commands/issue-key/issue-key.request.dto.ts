import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class IssueKeyRequestDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'ci' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly name?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'RFC 3339; in the future.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  readonly expiresAt?: string;
}
