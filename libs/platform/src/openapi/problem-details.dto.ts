import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'name' })
  field!: string;

  @ApiProperty({ example: 'must be a string' })
  message!: string;
}

/** RFC 9457 problem details as every Warden error response carries them (for OpenAPI documents). */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://warden.dev/problems/validation_failed' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid.' })
  detail!: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'validation_failed' })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
