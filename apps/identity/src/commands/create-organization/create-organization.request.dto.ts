import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateOrganizationRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Acme' })
  @IsString()
  @Length(1, 200)
  readonly name!: string;
}
