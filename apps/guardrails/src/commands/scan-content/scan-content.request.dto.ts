import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export const SCAN_DIRECTIONS = ['input', 'output'] as const;

export class ScanContentRequestDto {
  @ApiProperty({ enum: SCAN_DIRECTIONS })
  @IsIn(SCAN_DIRECTIONS)
  readonly direction!: (typeof SCAN_DIRECTIONS)[number];

  /** No length rule here: the size limit is checked by the handler and answers 413, not 400. */
  @ApiProperty({ description: 'At most 256 KiB of UTF-8 (413 scan_content_too_large beyond).' })
  @IsString()
  readonly content!: string;

  @ApiPropertyOptional({
    description: "One of the caller's organization's profiles; the default profile when absent.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^gpr_[A-Za-z0-9]{1,64}$/)
  readonly profileId?: string;
}
